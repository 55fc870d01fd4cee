package org.kvmorch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A benchmark's result: printed aligned on the terminal, written as CSV and JSON (array of objects). */
final class ResultTable {

    private final String name;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    ResultTable(String name, String... columns) {
        this.name = name;
        this.columns = List.of(columns);
    }

    void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
        }
        rows.add(List.of(values));
    }

    List<List<Object>> rows() {
        return rows;
    }

    static String text(Object v) {
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "" : String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.3f", d);
        }
        return String.valueOf(v);
    }

    void print(PrintStream out) {
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).length();
            for (List<Object> row : rows) {
                width[c] = Math.max(width[c], text(row.get(c)).length());
            }
        }
        out.println("== " + name);
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            line.append(String.format(Locale.ROOT, c == 0 ? "%-" + width[c] + "s" : "  %" + width[c] + "s",
                    columns.get(c)));
        }
        out.println(line);
        for (List<Object> row : rows) {
            line.setLength(0);
            for (int c = 0; c < width.length; c++) {
                line.append(String.format(Locale.ROOT, c == 0 ? "%-" + width[c] + "s" : "  %" + width[c] + "s",
                        text(row.get(c))));
            }
            out.println(line);
        }
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        StringBuilder json = new StringBuilder("[\n");
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            json.append("  {");
            for (int c = 0; c < columns.size(); c++) {
                Object v = row.get(c);
                csv.append(c == 0 ? "" : ",").append(csvCell(text(v)));
                json.append(c == 0 ? "" : ", ").append('"').append(columns.get(c)).append("\": ").append(jsonValue(v));
            }
            csv.append('\n');
            json.append(r + 1 < rows.size() ? "},\n" : "}\n");
        }
        json.append("]\n");
        Files.writeString(dir.resolve(name + ".csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".json"), json, StandardCharsets.UTF_8);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String jsonValue(Object v) {
        if (v instanceof Double d) {
            return Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%.4f", d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : String.valueOf(v).toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
