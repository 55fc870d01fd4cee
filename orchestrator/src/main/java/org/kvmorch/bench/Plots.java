package org.kvmorch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG plots docs/benchmarks.md shows, drawn with XChart. */
final class Plots {

    private Plots() {
    }

    /** Pages sent per live pre-copy pass (log scale) for each policy on one workload. */
    static void pagesPerRound(Path file, BenchWorkload w, List<String> policies, BenchCommand bench)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(600)
                .title("Pages per pre-copy pass, " + w.name() + " (simulated)")
                .xAxisTitle("pass (1 = bulk pass)").yAxisTitle("pages sent on the migration link").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(5);
        for (String p : policies) {
            if (!BenchCommand.applicable(w, p)) {
                continue;
            }
            List<Long> pages = BenchCommand.livePages(bench.outcome(w, p).result());
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) {
                if (pages.get(i) > 0) {
                    x.add(i + 1);
                    y.add((double) pages.get(i));
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(p, x, y);
            }
        }
        save(chart, file);
    }

    /** Post-copy data against the fixed switch point k, with the online switches marked. */
    static void postcopyAgainstK(Path file, ResultTable switchPoint, List<String> workloads) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(600)
                .title("Post-copy data against the switch point k (simulated)")
                .xAxisTitle("pre-copy passes before post-copy (k)").yAxisTitle("post-copy MiB").build();
        chart.getStyler().setMarkerSize(8);
        for (List<Object> row : switchPoint.rows()) {
            String name = (String) row.get(0);
            if (!workloads.contains(name)) {
                continue;
            }
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int k = 1; k <= 10; k++) {
                x.add(k);
                y.add((Double) row.get(k));
            }
            chart.addSeries(name + " fixed k", x, y);
            int base = 13;
            addPoint(chart, name + " auto", (Integer) row.get(base + 1), (Double) row.get(base), SeriesMarkers.DIAMOND);
            addPoint(chart, name + " adaptive", (Integer) row.get(base + 4), (Double) row.get(base + 3),
                    SeriesMarkers.TRIANGLE_UP);
        }
        save(chart, file);
    }

    private static void addPoint(XYChart chart, String name, int rounds, double mib,
            org.knowm.xchart.style.markers.Marker marker) {
        // A switch after many passes is drawn at the right edge, its pass count in the legend.
        double x = rounds > 12 ? 12 : Math.max(rounds, 0.5);
        String label = rounds > 12 ? name + " (" + rounds + " passes)" : name;
        XYSeries s = chart.addSeries(label, new double[] {x}, new double[] {mib});
        s.setMarker(marker);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    /** Cumulative migrations and running SLATAH over one PlanetLab day, one series per strategy. */
    static void plannerOverDay(Path migrationsFile, Path slatahFile, List<PlannerQualityBenchmark.Result> results)
            throws IOException {
        XYChart migrations = new XYChartBuilder().width(1000).height(600)
                .title("Migrations over the day, PlanetLab " + results.get(0).day() + " (800 hosts)")
                .xAxisTitle("hour of the day").yAxisTitle("migrations so far").build();
        XYChart slatah = new XYChartBuilder().width(1000).height(600)
                .title("SLATAH over the day, PlanetLab " + results.get(0).day() + " (800 hosts)")
                .xAxisTitle("hour of the day").yAxisTitle("SLATAH so far (%)").build();
        for (XYChart c : List.of(migrations, slatah)) {
            c.getStyler().setMarkerSize(0);
            c.getStyler().setXAxisDecimalPattern("0");
        }
        for (PlannerQualityBenchmark.Result r : results) {
            List<Double> hours = new ArrayList<>();
            List<Double> movedHours = new ArrayList<>();
            List<Long> moved = new ArrayList<>();
            List<Double> sla = new ArrayList<>();
            for (int k = 1; k < r.migrationsByStep().length; k++) { // step 0 is the initial placement
                double hour = k * PlannerQualityBenchmark.STEP_SECONDS / 3600.0; // the plan of step k
                hours.add(hour + PlannerQualityBenchmark.STEP_SECONDS / 3600.0); // SLATAH: at the step's end
                sla.add(100 * r.slatahByStep()[k]);
                if (r.migrationsByStep()[k] > 0) { // logarithmic axis
                    movedHours.add(hour);
                    moved.add(r.migrationsByStep()[k]);
                }
            }
            migrations.addSeries(r.strategy(), movedHours, moved);
            slatah.addSeries(r.strategy(), hours, sla);
        }
        migrations.getStyler().setYAxisLogarithmic(true);
        save(migrations, migrationsFile);
        save(slatah, slatahFile);
    }

    private static void save(XYChart chart, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
