/**
 * Files as Parse Server serves them: who may upload what (the fileUpload option), unique stored
 * names ({@code <32 hex>_<name>}), downloads and deletes, with the file triggers run around saves and
 * deletes; the {@code FilesAdapter} SPI for where contents live, and its default,
 * {@code GridFsFilesAdapter}, which keeps them in the database's GridFS as Parse Server's
 * GridFSBucketAdapter does, so either server reads the other's files.
 *
 * <p>May depend on {@code model}, {@code config}, {@code core.auth} (whether a user is anonymous),
 * {@code cloud} and {@code cloud.runtime} (it runs the file triggers through {@code CloudCode}
 * directly, not through a core port), and the MongoDB driver in the GridFS adapter. Only
 * {@code bootstrap} and this package name {@code GridFsFilesAdapter}, and the core never imports
 * files (ArchitectureTest).
 */
package dev.jakartaparse.files;
