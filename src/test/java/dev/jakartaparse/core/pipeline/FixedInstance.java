package dev.jakartaparse.core.pipeline;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A CDI {@link Instance} for hand-wired tests: the beans a test names, each made when first asked
 * for (so two beans that need each other can be wired, as the container does with its proxies).
 */
public final class FixedInstance<T> implements Instance<T> {
    private final List<Supplier<? extends T>> beans;

    private FixedInstance(List<Supplier<? extends T>> beans) {
        this.beans = beans;
    }

    @SafeVarargs
    public static <T> FixedInstance<T> of(T... beans) {
        List<Supplier<? extends T>> suppliers = new ArrayList<>();
        for (T bean : beans) {
            suppliers.add(() -> bean);
        }
        return new FixedInstance<>(suppliers);
    }

    /** One bean that does not exist yet when this is made. */
    public static <T> FixedInstance<T> later(Supplier<? extends T> bean) {
        return new FixedInstance<>(List.of(bean));
    }

    /** No bean: unsatisfied, as for an optional bean an application did not provide. */
    public static <T> FixedInstance<T> none() {
        return new FixedInstance<>(List.of());
    }

    @Override
    public T get() {
        if (beans.size() != 1) {
            throw new IllegalStateException((beans.isEmpty() ? "no" : beans.size()) + " beans where one was expected");
        }
        return beans.get(0).get();
    }

    @Override
    public Iterator<T> iterator() {
        List<T> all = new ArrayList<>();
        beans.forEach(b -> all.add(b.get()));
        return all.iterator();
    }

    @Override
    public boolean isUnsatisfied() {
        return beans.isEmpty();
    }

    @Override
    public boolean isAmbiguous() {
        return beans.size() > 1;
    }

    @Override
    public void destroy(T instance) {
        // hand-made beans live as long as the test's store
    }

    @Override
    public Instance<T> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualified lookups in hand-wired tests");
    }

    @Override
    public <U extends T> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualified lookups in hand-wired tests");
    }

    @Override
    public <U extends T> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("no qualified lookups in hand-wired tests");
    }

    @Override
    public Handle<T> getHandle() {
        throw new UnsupportedOperationException("no handles in hand-wired tests");
    }

    @Override
    public Iterable<? extends Handle<T>> handles() {
        throw new UnsupportedOperationException("no handles in hand-wired tests");
    }
}
