/**
 * The public Cloud Code API, what an application compiles against: the annotations that make the
 * methods of CDI beans into functions, jobs and triggers ({@code @CloudFunction}, {@code @BeforeSave},
 * {@code @Job}, {@code @Validator} ...), the request each kind of method receives, and the
 * interfaces to inject: {@code ServerApi} (read and write in-process as some caller) and
 * {@code CloudLog} (the log Parse Dashboard shows).
 *
 * <p>Knows only {@code model} among our packages (ArchitectureTest), so that it stays an API of its
 * own; its one library is CDI ({@code CallerRequest.user()} looks {@code ServerApi} up). What finds
 * and runs these methods is {@code cloud.runtime}.
 *
 * <p>Differs from Parse Server: Cloud Code is Java (annotated CDI beans, not
 * {@code Parse.Cloud.define} in JavaScript), objects are maps in REST form, and {@code ServerApi}
 * works in-process rather than through the JavaScript SDK.
 */
package dev.jakartaparse.cloud;
