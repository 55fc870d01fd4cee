package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * libvirt typed parameters (virTypedParameter arrays), copied into Java at once so that native
 * memory can be freed (or, in an event callback, dropped by libvirt) right after. Internal to the
 * adapter: everything past it sees typed records (JobStats, utilization), never this map.
 */
final class TypedParams {

    static final int INT = 1;
    static final int UINT = 2;
    static final int LLONG = 3;
    static final int ULLONG = 4;
    static final int DOUBLE = 5;
    static final int BOOLEAN = 6;
    static final int STRING = 7;

    static final TypedParams EMPTY = new TypedParams(Map.of());

    private final Map<String, Object> values;

    private TypedParams(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    static TypedParams of(Map<String, ?> values) {
        return new TypedParams(new LinkedHashMap<>(values));
    }

    /** Copies {@code n} virTypedParameter structs starting at {@code array}. */
    static TypedParams read(Pointer array, int n) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (array == null) {
            return new TypedParams(map);
        }
        for (int i = 0; i < n; i++) {
            long base = (long) i * Virt.TYPED_PARAM_SIZE;
            String field = fieldName(array, base);
            int type = array.getInt(base + Virt.FIELD_LENGTH);
            long v = base + 88;
            Object value = switch (type) {
                case INT -> (long) array.getInt(v);
                case UINT -> Integer.toUnsignedLong(array.getInt(v));
                case LLONG, ULLONG -> array.getLong(v);
                case DOUBLE -> array.getDouble(v);
                case BOOLEAN -> array.getByte(v) != 0;
                case STRING -> {
                    Pointer s = array.getPointer(v);
                    yield s == null ? "" : s.getString(0, StandardCharsets.UTF_8.name());
                }
                default -> null;
            };
            if (value != null) {
                map.put(field, value);
            }
        }
        return new TypedParams(map);
    }

    static String fieldName(Pointer p, long offset) {
        byte[] raw = p.getByteArray(offset, Virt.FIELD_LENGTH);
        int len = 0;
        while (len < raw.length && raw[len] != 0) {
            len++;
        }
        return new String(raw, 0, len, StandardCharsets.UTF_8);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    OptionalLong optLong(String name) {
        Object v = values.get(name);
        if (v instanceof Long l) {
            return OptionalLong.of(l);
        }
        if (v instanceof Double d) {
            return OptionalLong.of(Math.round(d));
        }
        return OptionalLong.empty();
    }

    long getLong(String name, long fallback) {
        return optLong(name).orElse(fallback);
    }

    Optional<String> string(String name) {
        Object v = values.get(name);
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    Map<String, Object> asMap() {
        return values;
    }

    /** Sums every long field whose name matches {@code prefix.N.suffix}, e.g. net.0.rx.bytes. */
    long sumIndexed(String prefix, String suffix) {
        long sum = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(prefix + ".") && k.endsWith("." + suffix) && e.getValue() instanceof Long l) {
                String middle = k.substring(prefix.length() + 1, k.length() - suffix.length() - 1);
                if (!middle.isEmpty() && middle.chars().allMatch(Character::isDigit)) {
                    sum += l;
                }
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /**
     * Native virTypedParameter array for a call (migration parameters). The returned object keeps
     * the string memory alive; hold it until the call returns.
     */
    static final class NativeArray {
        final Memory array;
        final int count;
        private final List<Memory> strings = new ArrayList<>();

        NativeArray(List<Param> params) {
            this.count = params.size();
            this.array = new Memory(Math.max(1, count) * (long) Virt.TYPED_PARAM_SIZE);
            array.clear();
            for (int i = 0; i < count; i++) {
                Param p = params.get(i);
                long base = (long) i * Virt.TYPED_PARAM_SIZE;
                byte[] name = p.name().getBytes(StandardCharsets.UTF_8);
                if (name.length >= Virt.FIELD_LENGTH) {
                    throw new IllegalArgumentException("typed parameter name too long: " + p.name());
                }
                array.write(base, name, 0, name.length);
                array.setInt(base + Virt.FIELD_LENGTH, p.type());
                long v = base + 88;
                switch (p.type()) {
                    case INT, UINT -> array.setInt(v, (int) (long) (Long) p.value());
                    case LLONG, ULLONG -> array.setLong(v, (Long) p.value());
                    case STRING -> {
                        byte[] s = ((String) p.value()).getBytes(StandardCharsets.UTF_8);
                        Memory m = new Memory(s.length + 1L);
                        m.write(0, s, 0, s.length);
                        m.setByte(s.length, (byte) 0);
                        strings.add(m);
                        array.setPointer(v, m);
                    }
                    default -> throw new IllegalArgumentException("unsupported typed parameter type " + p.type());
                }
            }
        }

        Pointer pointer() {
            return count == 0 ? null : array;
        }
    }

    /** One parameter to pass to libvirt. */
    record Param(String name, int type, Object value) {
        static Param ulong(String name, long value) {
            return new Param(name, ULLONG, value);
        }

        static Param integer(String name, int value) {
            return new Param(name, INT, (long) value);
        }

        static Param string(String name, String value) {
            return new Param(name, STRING, value);
        }
    }
}
