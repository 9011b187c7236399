package dev.jakartaparse.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API. It is mapped at the root; {@link ParseRequestFilter} accepts only paths under the
 * configured mount path ({@code /parse} by default) and strips it, so resources are declared
 * relative to the mount path and the mount path stays a run-time option.
 */
@ApplicationPath("/")
public class ParseApplication extends Application {}
