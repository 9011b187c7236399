package dev.jakartaparse.core.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.config.ParseConfigProducer;
import dev.jakartaparse.core.auth.AccountEmails;
import dev.jakartaparse.core.auth.RoleResolver;
import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.auth.UserAccounts;
import dev.jakartaparse.core.auth.providers.AnonymousProvider;
import dev.jakartaparse.core.auth.providers.AuthProvider;
import dev.jakartaparse.core.auth.providers.AuthProviders;
import dev.jakartaparse.core.classes.InstallationRules;
import dev.jakartaparse.core.classes.RoleRules;
import dev.jakartaparse.core.classes.SessionRules;
import dev.jakartaparse.core.classes.UserRules;
import dev.jakartaparse.core.mail.EmailAdapter;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.security.ReadGuard;
import dev.jakartaparse.core.security.WriteGuard;
import dev.jakartaparse.core.spi.LoginTriggers;
import dev.jakartaparse.core.spi.SpecialClasses;
import dev.jakartaparse.model.AccessChanged;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ObjectChanged;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.storage.StorageAdapter;
import dev.jakartaparse.storage.embedded.EmbeddedDatabase;
import dev.jakartaparse.storage.mongo.MongoStorageAdapter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The middle of the server wired by hand, for tests of the pipelines and the account code that run
 * in seconds: the embedded store on a free loopback port in a temporary folder, {@link ParseConfig}
 * with the product's defaults plus a test's options, and SchemaController, RoleResolver,
 * SessionTokens, AuthProviders (anonymous only), AccountEmails, UserAccounts, ObjectQuery and
 * ObjectWrite as the container wires them. No Cloud Code: the pipelines reach it only through the
 * CDI interceptor, which is not there; the log-in triggers do nothing. Events the beans fire are
 * collected ({@link #published()}, {@link #accessChanges()}).
 *
 * <p>One per test class, which keeps them fast:
 * {@code @RegisterExtension static final Middle middle = new Middle().option("maxLimit", "5");}
 * Tests stay independent by using their own class names ({@link #newClassName}) and users.
 */
public final class Middle implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final ObjectMapper LENIENT_JSON = new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true)
            .configure(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES, true);
    private static final LoginTriggers NO_LOGIN_TRIGGERS = new LoginTriggers() {
        @Override
        public void beforeLogin(Map<String, Object> user, RequestContext rc) {}

        @Override
        public void afterLogin(Map<String, Object> user, RequestContext rc) {}
    };

    private final Map<String, String> options = new LinkedHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final CollectingEvent<ObjectChanged> published = new CollectingEvent<>();
    private final CollectingEvent<AccessChanged> accessChanges = new CollectingEvent<>();

    private Path folder;
    private EmbeddedDatabase database;
    private MongoClient client;
    private ParseConfig config;
    private StorageAdapter storage;
    private SchemaController schemas;
    private RoleResolver roles;
    private SessionTokens sessions;
    private AccountEmails emails;
    private UserAccounts users;
    private ObjectQuery query;
    private ObjectWrite write;
    private ReadGuard readGuard;
    private SpecialClasses special;

    /** A server option as ParseConfigProducer reads it (e.g. "protectedFields" and its JSON); before start. */
    public Middle option(String name, String value) {
        if (config != null) {
            throw new IllegalStateException("options are read once, at start");
        }
        options.put(name, value);
        return this;
    }

    /** Opens a new, empty store and wires the beans over it. */
    public Middle start() {
        try {
            folder = Files.createTempDirectory("middle-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = ParseConfigProducer.read(options);
        // As bootstrap.StorageProducer opens it, on a free port: tests run next to other servers.
        database = new EmbeddedDatabase(folder, 0, config.embeddedDatabaseCommitDelayMs());
        client = MongoClients.create(database.connectionString());
        storage = new MongoStorageAdapter(client, "parse", false);

        schemas =
                new SchemaController(storage, config.schemaCacheTtlMillis(), System::currentTimeMillis, changed -> {});
        roles = new RoleResolver(storage, schemas);
        sessions = new SessionTokens(config, schemas, storage, roles, accessChanges, published);
        AuthProviders providers = new AuthProviders(config, FixedInstance.<AuthProvider>of(new AnonymousProvider()));
        // Its @PostConstruct is not run: no email goes out unless a test gives it an adapter (useAdapter).
        emails = new AccountEmails(
                config,
                schemas,
                storage,
                FixedInstance.later(() -> users),
                sessions,
                FixedInstance.<EmailAdapter>none());
        users = new UserAccounts(config, schemas, storage, sessions, providers, emails, NO_LOGIN_TRIGGERS);
        wirePipelines();
        return this;
    }

    /** The pipelines as CDI wires them: the guards, the special classes' rules, the events they fire. */
    private void wirePipelines() {
        ReadGuard readGuard = new ReadGuard(config);
        special = new SpecialClasses(List.of(
                new UserRules(users, sessions, schemas, storage),
                new SessionRules(sessions, config),
                new RoleRules(storage),
                new InstallationRules(storage, schemas, config)));
        query = new ObjectQuery(config, schemas, storage, readGuard, special, FixedInstance.later(() -> query));
        write = new ObjectWrite(
                config, schemas, storage, new WriteGuard(), readGuard, special, published, accessChanges);
        this.readGuard = readGuard;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (database != null) {
            database.close();
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is no failure of the test
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    // ---- the beans ----

    public ParseConfig config() {
        return config;
    }

    public StorageAdapter storage() {
        return storage;
    }

    public SchemaController schemas() {
        return schemas;
    }

    public RoleResolver roles() {
        return roles;
    }

    public SessionTokens sessions() {
        return sessions;
    }

    public AccountEmails emails() {
        return emails;
    }

    public UserAccounts users() {
        return users;
    }

    public ObjectQuery query() {
        return query;
    }

    public ReadGuard readGuard() {
        return readGuard;
    }

    public SpecialClasses special() {
        return special;
    }

    public ObjectWrite write() {
        return write;
    }

    /** What the write pipeline told LiveQuery (for the classes in the liveQuery option). */
    public List<ObjectChanged> published() {
        return published.fired();
    }

    /** The role and session changes the beans announced to the caches. */
    public List<AccessChanged> accessChanges() {
        return accessChanges.fired();
    }

    // ---- callers ----

    public Caller master() {
        return new Caller(this, Auth::masterKey);
    }

    public Caller readOnlyMaster() {
        return new Caller(this, () -> Auth.readOnlyMasterKey(null));
    }

    public Caller anonymous() {
        return new Caller(this, () -> Auth.anonymous(null));
    }

    /** The user of this session token, authenticated anew for every call as for every request. */
    public Caller withSession(String sessionToken) {
        return new Caller(this, () -> sessions.authenticate(sessionToken, null));
    }

    /** A user signed up (by an anonymous client, as the SDKs do) and its session. */
    public record User(String id, String username, String password, String sessionToken, Caller caller) {
        public Auth auth() {
            return caller.auth();
        }
    }

    public User signUp(String name) {
        return signUp(name, Map.of());
    }

    /** Signs up a user with a unique username made from name, and these extra fields (email, ACL, ...). */
    public User signUp(String name, Map<String, Object> fields) {
        String username = newName(name);
        String password = "pw-" + username;
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("username", username);
        body.put("password", password);
        ObjectWrite.Created created = anonymous().created("_User", body);
        String token = (String) created.response().get("sessionToken");
        return new User(created.objectId(), username, password, token, withSession(token));
    }

    public record Role(String id, String name) {
        public String aclKey() {
            return "role:" + name;
        }
    }

    /**
     * A role (made with the master key, readable by all) holding these users, and inherited by the
     * users of these child roles: a child role's users get this role's rights, as in Parse.
     */
    public Role createRole(String name, List<User> members, List<Role> childRoles) {
        String unique = newName(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", unique);
        body.put("ACL", Map.of("*", Map.of("read", true)));
        if (!members.isEmpty()) {
            body.put(
                    "users", addRelation("_User", members.stream().map(User::id).toList()));
        }
        if (!childRoles.isEmpty()) {
            body.put(
                    "roles",
                    addRelation("_Role", childRoles.stream().map(Role::id).toList()));
        }
        return new Role(master().create("_Role", body), unique);
    }

    // ---- classes ----

    /** A class name no other test of this store uses. */
    public String newClassName(String base) {
        return newName(base);
    }

    /** POST /schemas/X with these class-level permissions (null: Parse's defaults, all public). */
    public String createClass(String base, Map<String, Object> classLevelPermissions) {
        return createClass(base, Map.of(), classLevelPermissions);
    }

    /** POST /schemas/X with fields ({"owner": {"type": "Pointer", "targetClass": "_User"}}) and CLPs. */
    public String createClass(String base, Map<String, Object> fields, Map<String, Object> classLevelPermissions) {
        String className = newName(base);
        schemas.createClass(className, fields, classLevelPermissions, null);
        return className;
    }

    /** PUT /schemas/X {classLevelPermissions}. */
    public void setClassLevelPermissions(String className, Map<String, Object> classLevelPermissions) {
        schemas.updateClass(className, null, classLevelPermissions, null);
    }

    private String newName(String base) {
        return base + "_" + names.incrementAndGet();
    }

    // ---- values ----

    /** JSON (single quotes and bare keys allowed) after String.format with the arguments. */
    public static Map<String, Object> json(String template, Object... args) {
        String text = args.length == 0 ? template : String.format(template, args);
        try {
            return LENIENT_JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }

    public static Map<String, Object> pointer(String className, String objectId) {
        return ObjectQuery.pointer(className, objectId);
    }

    private static Map<String, Object> addRelation(String className, List<String> ids) {
        List<Object> objects = new ArrayList<>();
        ids.forEach(id -> objects.add(pointer(className, id)));
        return Map.of("__op", "AddRelation", "objects", objects);
    }
}
