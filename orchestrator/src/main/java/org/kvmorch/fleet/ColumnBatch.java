package org.kvmorch.fleet;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows collected column by column and bound as one PostgreSQL array per column, for statements
 * that read them back with {@code unnest(?, ?, ...)}: any number of rows in one statement and one
 * round trip. Instants travel as ISO-8601 text (cast to timestamptz in SQL), so the session's time
 * zone never matters.
 */
final class ColumnBatch {

    private final String[] types;
    private final List<List<Object>> columns = new ArrayList<>();
    private int rows;

    /** {@code types}: the element type of each column's array, as createArrayOf names it (int8, float8, text...). */
    ColumnBatch(String... types) {
        this.types = types;
        for (int i = 0; i < types.length; i++) {
            columns.add(new ArrayList<>());
        }
    }

    void add(Object... row) {
        if (row.length != types.length) {
            throw new IllegalArgumentException("expected " + types.length + " values, got " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            columns.get(i).add(row[i] instanceof Instant at ? at.toString() : row[i]);
        }
        rows++;
    }

    int size() {
        return rows;
    }

    /** Binds the columns as parameters 1..n. */
    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < types.length; i++) {
            ps.setArray(i + 1, ps.getConnection().createArrayOf(types[i], columns.get(i).toArray()));
        }
    }
}
