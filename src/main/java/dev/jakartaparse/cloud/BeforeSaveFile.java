package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the application's BeforeSaveFile trigger, run before a file is saved; it may rename the file, replace its contents, or throw to refuse.
 * The method takes one {@link FileRequest} and returns nothing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeSaveFile {}
