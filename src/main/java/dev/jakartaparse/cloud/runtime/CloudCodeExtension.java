package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.cloud.AfterDelete;
import dev.jakartaparse.cloud.AfterDeleteFile;
import dev.jakartaparse.cloud.AfterFind;
import dev.jakartaparse.cloud.AfterLiveQueryEvent;
import dev.jakartaparse.cloud.AfterLogin;
import dev.jakartaparse.cloud.AfterLogout;
import dev.jakartaparse.cloud.AfterSave;
import dev.jakartaparse.cloud.AfterSaveFile;
import dev.jakartaparse.cloud.BeforeConnect;
import dev.jakartaparse.cloud.BeforeDelete;
import dev.jakartaparse.cloud.BeforeDeleteFile;
import dev.jakartaparse.cloud.BeforeFind;
import dev.jakartaparse.cloud.BeforeLogin;
import dev.jakartaparse.cloud.BeforeSave;
import dev.jakartaparse.cloud.BeforeSaveFile;
import dev.jakartaparse.cloud.BeforeSubscribe;
import dev.jakartaparse.cloud.CloudFunction;
import dev.jakartaparse.cloud.ConnectRequest;
import dev.jakartaparse.cloud.DeleteRequest;
import dev.jakartaparse.cloud.FileRequest;
import dev.jakartaparse.cloud.FindRequest;
import dev.jakartaparse.cloud.FunctionRequest;
import dev.jakartaparse.cloud.Job;
import dev.jakartaparse.cloud.JobRequest;
import dev.jakartaparse.cloud.LiveQueryEventRequest;
import dev.jakartaparse.cloud.LoginRequest;
import dev.jakartaparse.cloud.LogoutRequest;
import dev.jakartaparse.cloud.SaveRequest;
import dev.jakartaparse.cloud.SubscribeRequest;
import dev.jakartaparse.cloud.Validator;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the Cloud Code methods of the application's CDI beans at deployment: functions, jobs and
 * triggers, checked for their signature, one function or job per name and one trigger per class and kind.
 * A mistake stops the deployment with a message that names the method.
 */
public class CloudCodeExtension implements Extension {

    /** One Cloud Code method: what it is, for which name or class, and where it lives. */
    public record Entry(
            Kind kind, String name, Bean<?> bean, Method method, ValidatorRules rules, Validator.RateLimit rateLimit) {}

    public enum Kind {
        FUNCTION(CloudFunction.class, FunctionRequest.class, "function"),
        JOB(Job.class, JobRequest.class, "job"),
        BEFORE_SAVE(BeforeSave.class, SaveRequest.class, "beforeSave"),
        AFTER_SAVE(AfterSave.class, SaveRequest.class, "afterSave"),
        BEFORE_DELETE(BeforeDelete.class, DeleteRequest.class, "beforeDelete"),
        AFTER_DELETE(AfterDelete.class, DeleteRequest.class, "afterDelete"),
        BEFORE_FIND(BeforeFind.class, FindRequest.class, "beforeFind"),
        AFTER_FIND(AfterFind.class, FindRequest.class, "afterFind"),
        BEFORE_LOGIN(BeforeLogin.class, LoginRequest.class, "beforeLogin"),
        AFTER_LOGIN(AfterLogin.class, LoginRequest.class, "afterLogin"),
        AFTER_LOGOUT(AfterLogout.class, LogoutRequest.class, "afterLogout"),
        BEFORE_CONNECT(BeforeConnect.class, ConnectRequest.class, "beforeConnect"),
        BEFORE_SUBSCRIBE(BeforeSubscribe.class, SubscribeRequest.class, "beforeSubscribe"),
        AFTER_LIVE_QUERY_EVENT(AfterLiveQueryEvent.class, LiveQueryEventRequest.class, "afterLiveQueryEvent"),
        BEFORE_SAVE_FILE(BeforeSaveFile.class, FileRequest.class, "beforeSaveFile"),
        AFTER_SAVE_FILE(AfterSaveFile.class, FileRequest.class, "afterSaveFile"),
        BEFORE_DELETE_FILE(BeforeDeleteFile.class, FileRequest.class, "beforeDeleteFile"),
        AFTER_DELETE_FILE(AfterDeleteFile.class, FileRequest.class, "afterDeleteFile");

        /**
         * Whether a validator's rateLimit applies: to the kinds that answer a REST route of their
         * own (the route table in rest.routing gives it), as in Parse Server.
         */
        public boolean takesRateLimit() {
            return this == FUNCTION
                    || this == BEFORE_SAVE
                    || this == BEFORE_DELETE
                    || this == BEFORE_FIND
                    || this == BEFORE_LOGIN;
        }

        /** Triggers that belong to the application rather than to a class. */
        boolean appWide() {
            return this == BEFORE_LOGIN
                    || this == AFTER_LOGIN
                    || this == AFTER_LOGOUT
                    || this == BEFORE_CONNECT
                    || this == BEFORE_SAVE_FILE
                    || this == AFTER_SAVE_FILE
                    || this == BEFORE_DELETE_FILE
                    || this == AFTER_DELETE_FILE;
        }

        final Class<? extends Annotation> annotation;
        final Class<?> requestType;
        final String label;

        Kind(Class<? extends Annotation> annotation, Class<?> requestType, String label) {
            this.annotation = annotation;
            this.requestType = requestType;
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    <T> void collect(@Observes ProcessManagedBean<T> event) {
        for (AnnotatedMethod<? super T> am : event.getAnnotatedBeanClass().getMethods()) {
            for (Kind kind : Kind.values()) {
                Annotation a = am.getAnnotation(kind.annotation);
                if (a == null) {
                    continue;
                }
                Method m = am.getJavaMember();
                String where = m.getDeclaringClass().getName() + "." + m.getName();
                if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != kind.requestType) {
                    problems.add("Cloud Code method " + where + " must take exactly one "
                            + kind.requestType.getSimpleName());
                    continue;
                }
                if (kind != Kind.FUNCTION && kind != Kind.JOB && m.getReturnType() != void.class) {
                    problems.add("Cloud Code trigger " + where + " must return void");
                    continue;
                }
                String name = a instanceof CloudFunction f ? f.value() : kind.appWide() ? kind.label() : nameOf(a);
                if (name == null || name.isBlank()) {
                    problems.add("Cloud Code method " + where + " needs a "
                            + switch (kind) {
                                case FUNCTION -> "function name";
                                case JOB -> "job name";
                                default -> "class name";
                            });
                    continue;
                }
                Validator validator = am.getAnnotation(Validator.class);
                ValidatorRules rules;
                try {
                    rules = ValidatorRules.of(validator, a instanceof CloudFunction f ? f : null);
                } catch (IllegalArgumentException e) {
                    problems.add("Cloud Code method " + where + ": @Validator " + e.getMessage());
                    continue;
                }
                Validator.RateLimit limit =
                        validator == null || validator.rateLimit().requestCount() <= 0 ? null : validator.rateLimit();
                if (validator != null && (kind == Kind.JOB || kind == Kind.AFTER_LIVE_QUERY_EVENT)) {
                    problems.add("Cloud Code " + kind.label() + " " + where + " cannot have a @Validator");
                    continue;
                }
                if (limit != null && (limit.requestTimeWindow() <= 0 || !kind.takesRateLimit())) {
                    problems.add(
                            "Cloud Code method " + where + ": rateLimit needs a positive requestTimeWindow and applies "
                                    + "to functions, beforeSave, beforeDelete, beforeFind and beforeLogin");
                    continue;
                }
                m.setAccessible(true);
                entries.add(new Entry(kind, name, event.getBean(), m, rules, limit));
            }
        }
    }

    void check(@Observes AfterBeanDiscovery event) {
        Map<String, Entry> seen = new HashMap<>();
        for (Entry e : entries) {
            Entry before = seen.put(e.kind() + ":" + e.name(), e);
            if (before != null) {
                problems.add("Two Cloud Code " + e.kind().label() + "s for \"" + e.name() + "\": "
                        + before.method().getDeclaringClass().getName() + "."
                        + before.method().getName() + " and "
                        + e.method().getDeclaringClass().getName() + "."
                        + e.method().getName());
            }
        }
        problems.forEach(p -> event.addDefinitionError(new DeploymentException(p)));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    private static String nameOf(Annotation a) {
        try {
            return (String) a.annotationType().getMethod("value").invoke(a);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
