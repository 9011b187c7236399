package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the background job {@code POST /jobs/<value>}, which Parse
 * Dashboard can also schedule. The method takes one {@link JobRequest}; a String it returns becomes
 * the job's final status message. It runs off the request thread, with the master key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Job {
    /** The job's name. */
    String value();
}
