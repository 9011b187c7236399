package dev.jakartaparse.files;

import dev.jakartaparse.cloud.FileRequest;
import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.cloud.runtime.CloudCodeExtension.Kind;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.auth.UserAccounts;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files as Parse Server serves them: uploads checked against the fileUpload options (who may
 * upload, which extensions) and stored under a unique name ({@code <32 hex>_<name>}), downloads by
 * name, deletes with the master key; the file triggers run around saves and deletes.
 */
@ApplicationScoped
public class FileService {
    private static final Pattern VALID_NAME = Pattern.compile("^[_a-zA-Z0-9][a-zA-Z0-9@. ~_-]*$");
    /** Parse Server's default: no extension browsers render as active content (html, svg, xml...). */
    private static final String DEFAULT_EXTENSIONS = "^(?!([xXsS]?[hH][tT][mM][lL]?(\\+[xX][mM][lL])?|[xX][hH][tT]"
            + "|[sS][vV][gG]([zZ]|\\+[xX][mM][lL])?|[xX][mM][lL]|[xX][sS][lL][tT]?(\\+[xX][mM][lL])?|[xX][sS][dD]"
            + "|[rR][nN][gG]|[rR][dD][fF](\\+[xX][mM][lL])?|[oO][wW][lL]|[mM][aA][tT][hH][mM][lL](\\+[xX][mM][lL])?)$)";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What an upload answers: {"url", "name"}. */
    public record Saved(String name, String url) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", url);
            m.put("name", name);
            return m;
        }
    }

    @Inject
    FilesAdapter adapter;

    @Inject
    ParseConfig config;

    @Inject
    CloudCode cloud;

    @Inject
    UserAccounts users;

    private boolean enableForPublic;
    private boolean enableForAnonymousUser;
    private boolean enableForAuthenticatedUser;
    private List<Pattern> allowedExtensions;

    @PostConstruct
    void readOptions() {
        Map<String, Object> options = config.fileUpload() == null ? Map.of() : config.fileUpload();
        enableForPublic = Boolean.TRUE.equals(options.get("enableForPublic"));
        enableForAnonymousUser = Boolean.TRUE.equals(options.get("enableForAnonymousUser"));
        enableForAuthenticatedUser = !Boolean.FALSE.equals(options.get("enableForAuthenticatedUser"));
        Object extensions = options.get("fileExtensions");
        List<?> patterns = extensions instanceof List<?> l
                ? l
                : extensions instanceof String s ? List.of(s) : List.of(DEFAULT_EXTENSIONS);
        allowedExtensions = patterns.stream()
                .map(p -> "*".equals(p) ? Pattern.compile(".*") : Pattern.compile(String.valueOf(p)))
                .toList();
    }

    public Saved upload(String filename, byte[] data, String contentType, RequestContext rc) {
        Auth auth = rc.auth();
        String mountUrl = rc.mountUrl();
        if (auth.readOnly()) {
            throw ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN, "read-only masterKey isn't allowed to create a file.");
        }
        if (!auth.master()) {
            checkUploader(auth);
        }
        validateName(filename);
        if (!auth.master()) {
            checkExtension(filename, contentType);
        }
        if (data == null || data.length == 0) {
            throw new ParseException(ParseError.FILE_SAVE_ERROR, "Invalid file upload.");
        }
        FileRequest before = new FileRequest(
                "beforeSaveFile",
                filename,
                data,
                contentType,
                null,
                auth.userId(),
                auth.master(),
                auth.installationId(),
                rc.client());
        cloud.runAppTrigger(Kind.BEFORE_SAVE_FILE, before);
        validateName(before.name());
        String stored = HexFormat.of().formatHex(randomBytes()) + "_" + before.name();
        adapter.createFile(stored, before.data(), before.contentType());
        Saved saved = new Saved(stored, urlOf(mountUrl, stored));
        cloud.runAppAfterTrigger(
                Kind.AFTER_SAVE_FILE,
                new FileRequest(
                        "afterSaveFile",
                        stored,
                        before.data(),
                        before.contentType(),
                        saved.url(),
                        auth.userId(),
                        auth.master(),
                        auth.installationId(),
                        rc.client()));
        return saved;
    }

    public Optional<byte[]> download(String name) {
        return adapter.getFileData(name);
    }

    /** The Content-Type a file is served with, from its name. */
    public static String contentTypeOf(String name) {
        String type = URLConnection.getFileNameMap().getContentTypeFor(name);
        return type == null ? "application/octet-stream" : type;
    }

    /** Master key only (checked by the caller); 153 when there is no such file. */
    public void delete(String name, RequestContext rc) {
        Auth auth = rc.auth();
        FileRequest request = new FileRequest(
                "beforeDeleteFile",
                name,
                null,
                null,
                null,
                auth.userId(),
                auth.master(),
                auth.installationId(),
                rc.client());
        cloud.runAppTrigger(Kind.BEFORE_DELETE_FILE, request);
        adapter.deleteFile(name);
        cloud.runAppAfterTrigger(
                Kind.AFTER_DELETE_FILE,
                new FileRequest(
                        "afterDeleteFile",
                        name,
                        null,
                        null,
                        null,
                        auth.userId(),
                        auth.master(),
                        auth.installationId(),
                        rc.client()));
    }

    public String urlOf(String mountUrl, String name) {
        return mountUrl + "/files/" + config.appId() + "/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void checkUploader(Auth auth) {
        boolean anonymous = auth.hasUser() && users.isAnonymous(auth.userId());
        if (anonymous && !enableForAnonymousUser) {
            throw new ParseException(ParseError.FILE_SAVE_ERROR, "File upload by anonymous user is disabled.");
        }
        if (auth.hasUser() && !anonymous && !enableForAuthenticatedUser) {
            throw new ParseException(ParseError.FILE_SAVE_ERROR, "File upload by authenticated user is disabled.");
        }
        if (!auth.hasUser() && !enableForPublic) {
            throw new ParseException(ParseError.FILE_SAVE_ERROR, "File upload by public is disabled.");
        }
    }

    private static void validateName(String name) {
        if (name == null || name.length() > 128) {
            throw new ParseException(ParseError.INVALID_FILE_NAME, "Filename too long.");
        }
        if (!VALID_NAME.matcher(name).matches()) {
            throw new ParseException(ParseError.INVALID_FILE_NAME, "Filename contains invalid characters.");
        }
    }

    /** The name's extension, or without one the Content-Type's subtype, must be allowed. */
    private void checkExtension(String filename, String contentType) {
        int dot = filename.lastIndexOf('.');
        String extension = dot >= 0 && dot < filename.length() - 1 ? filename.substring(dot + 1) : null;
        if (extension == null && contentType != null) {
            int slash = contentType.indexOf('/');
            extension = (slash >= 0 ? contentType.substring(slash + 1) : contentType).split(";")[0].trim();
        }
        String checked = extension;
        if (checked != null
                && !checked.isEmpty()
                && allowedExtensions.stream().noneMatch(p -> p.matcher(checked).find())) {
            throw new ParseException(
                    ParseError.FILE_SAVE_ERROR, "File upload of extension " + checked + " is disabled.");
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }
}
