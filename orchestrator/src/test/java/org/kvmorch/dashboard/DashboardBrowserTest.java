package org.kvmorch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kvmorch.ServiceTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator dashboard in a real browser: Debian's chromium, headless, driven through the
 * system's chromedriver by Selenium against the whole service (simulated fleet of 6 hosts at
 * 100x speed, real PostgreSQL). Nothing is downloaded: without /usr/bin/chromium and
 * /usr/bin/chromedriver the test is skipped, or fails when KVMORCH_REQUIRE_BROWSER=1 (CI).
 * Screenshots of every step go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends ServiceTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Selenium warns that it has no CDP binding for this chromium: the test uses WebDriver only. */
    private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");
    private static final java.util.logging.Logger CHROMIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.chromium");

    private static WebDriver driver;
    private static Path profile;
    private static Path screenshots;
    private static int shot;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void browser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "1".equals(System.getenv("KVMORCH_REQUIRE_BROWSER"))) {
            fail("KVMORCH_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install -y chromium chromium-driver");
        }
        assumeTrue(present, "no " + CHROMIUM + " / " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");

        CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
        CHROMIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        profile = Files.createTempDirectory("kvmorch-chromium-");
        screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(screenshots);
        try (Stream<Path> old = Files.list(screenshots)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.delete(p);
            }
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1366,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @BeforeEach
    void signedOut() {
        driver.get(base() + "/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); location.hash = '#/';");
        driver.navigate().refresh();
        waitFor(By.id("sign-in-form"));
    }

    @Test
    @Order(1)
    void signInShowsTheFleetHeatMap_andAViewerIsToldWhatItsRoleCannotDo() {
        screenshot("sign-in");

        signIn("viewer", "wrong-password");
        WebElement error = waitFor(By.id("sign-in-error"));
        waitUntil("an error for the wrong password", () -> error.getText().contains("Wrong user name or password"));
        screenshot("sign-in-wrong-password");

        signIn("viewer", "viewer-pw");
        waitUntil("6 host tiles", () -> tiles().size() == 6);
        assertThat(driver.findElement(By.id("signed-in-user")).getText()).isEqualTo("viewer");
        // Each tile marked exactly as the API reports its host (overloaded, or above the threshold).
        waitUntil("tiles marked as the API reports the hosts", () -> marksMatchApi());
        JsonNode hosts = api("/api/v1/hosts");
        long above = count(hosts, h -> !h.get("overloadedSince").isNull());
        assertThat(above).as("the simulated fleet starts with overloaded hosts").isPositive();
        assertThat(driver.findElements(By.cssSelector(".tile.hot"))).hasSize((int) above);
        assertThat(driver.findElement(By.id("fleet-summary")).getText()).startsWith("6 hosts");
        screenshot("fleet-as-viewer");

        // A viewer may look, not act: the server's 403 is shown as what the role cannot do.
        String host = null;
        for (JsonNode h : hosts) {
            if (host == null && h.get("state").asString().equals("ACTIVE")) {
                host = h.get("name").asString();
            }
        }
        assertThat(host).as("an ACTIVE host").isNotNull();
        click(By.cssSelector(".tile[data-host='" + host + "']"));
        waitFor(By.cssSelector("#vm-table tbody tr"));
        // Each VM's resident set, as the simulated host reports it, has a column of its own.
        List<String> columns = driver.findElements(By.cssSelector("#vm-table thead th")).stream()
                .map(th -> th.getText().toLowerCase(java.util.Locale.ROOT)).toList(); // CSS may upper-case them
        int resident = columns.indexOf("resident");
        assertThat(resident).as("a Resident column in %s", columns).isPositive();
        assertThat(driver.findElements(By.cssSelector("#vm-table tbody tr:first-child > *")).get(resident).getText())
                .endsWith("iB");
        // The page hides what the role cannot do (it asks /api/v1/me); if it still offers the button,
        // the server's 403 must come back as a sentence.
        if (driver.findElements(By.id("maintenance-enter")).stream().anyMatch(WebElement::isDisplayed)) {
            click(By.id("maintenance-enter"));
            click(By.id("maintenance-confirm"));
            waitUntil("the 403 message", () -> driver.findElements(By.cssSelector(".notice-error")).stream()
                    .anyMatch(n -> n.getText().contains("Your role cannot put hosts into maintenance")));
        }
        waitUntil("operator controls hidden", () -> driver.findElements(By.cssSelector(".migrate-button")).stream()
                .noneMatch(WebElement::isDisplayed));
        assertThat(driver.findElements(By.cssSelector(".settings-button"))).as("admin controls hidden")
                .noneMatch(WebElement::isDisplayed);
        assertThat(api("/api/v1/hosts/" + host).get("state").asString()).as("refused, so unchanged").isEqualTo("ACTIVE");
        screenshot("host-as-viewer-forbidden");

        click(By.id("sign-out"));
        waitFor(By.id("sign-in-form"));
    }

    @Test
    @Order(2)
    void operatorStartsAMigrationFromThePage_seesItsProgress_itCompletes_andItsIterationChart() {
        signIn("operator", "operator-pw");
        waitUntil("6 host tiles", () -> tiles().size() == 6);

        // A VM that dirties little memory, on a host that is not overloaded (other tests rely on
        // the overloaded ones), so that at 1 MiB/s (x100) the pre-copy converges in a few seconds.
        JsonNode vm = quietVm();
        String vmName = vm.get("name").asString();
        String source = vm.get("host").asString();
        String destination = calmHostOtherThan(source);

        click(By.cssSelector(".tile[data-host='" + source + "']"));
        waitFor(By.cssSelector("#vm-table tr[data-vm='" + vmName + "']"));
        screenshot("host-as-operator");
        click(By.cssSelector("#vm-table tr[data-vm='" + vmName + "'] .migrate-button"));
        waitFor(By.id("migrate-dialog"));
        new Select(driver.findElement(By.id("migrate-destination"))).selectByValue(destination);
        new Select(driver.findElement(By.id("migrate-policy"))).selectByValue("precopy");
        driver.findElement(By.id("migrate-bandwidth")).sendKeys("1");
        screenshot("migrate-dialog");
        click(By.id("migrate-submit"));

        waitUntil("the migration's page", () -> driver.getCurrentUrl().matches(".*#/migration/\\d+$"));
        String id = driver.getCurrentUrl().replaceAll(".*#/migration/", "");
        assertThat(api("/api/v1/migrations/" + id).get("policy").asString()).isEqualTo("precopy");
        // The page sent an Idempotency-Key (a UUID) with the POST, and the server kept it for a retry.
        assertThat(jdbc.queryForObject("select idempotency_key from idempotency_key where principal = 'operator'"
                + " and location = ?", String.class, "/api/v1/migrations/" + id))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        // Progress shown while it runs: the live phase and a progress bar above 0 %.
        waitUntil("live progress of the running migration", () -> {
            List<WebElement> bars = driver.findElements(By.cssSelector("#migration-live [role=progressbar]"));
            List<WebElement> phase = driver.findElements(By.id("live-phase"));
            return !bars.isEmpty() && Integer.parseInt(bars.get(0).getAttribute("aria-valuenow")) > 0
                    && !phase.isEmpty() && phase.get(0).getText().startsWith("pre-copy round");
        });
        screenshot("migration-running");

        // The fleet page follows it: in flight (with a progress bar) or already finished.
        click(By.cssSelector("#nav a[href='#/']"));
        waitUntil("the migration on the fleet page", () -> !driver.findElements(
                By.cssSelector("tr[data-migration-id='" + id + "']")).isEmpty());
        if (!driver.findElements(By.cssSelector("#migrations-in-flight tr[data-migration-id='" + id + "']")).isEmpty()) {
            assertThat(driver.findElements(By.cssSelector(
                    "#migrations-in-flight tr[data-migration-id='" + id + "'] [role=progressbar]"))).hasSize(1);
            screenshot("fleet-migration-in-flight");
        }
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> !d.findElements(
                By.cssSelector("#migrations-recent tr[data-migration-id='" + id + "'][data-state='COMPLETED']")).isEmpty());
        screenshot("fleet-migration-completed");

        click(By.cssSelector("#migrations-recent a[href='#/migration/" + id + "']"));
        waitUntil("COMPLETED on the migration's page",
                () -> driver.findElements(By.cssSelector("#migration-state .badge")).stream()
                        .anyMatch(b -> b.getText().equals("COMPLETED")));
        JsonNode done = api("/api/v1/migrations/" + id);
        int rounds = done.get("iterations").size();
        assertThat(rounds).isPositive();
        WebElement chart = waitFor(By.id("chart-pages"));
        assertThat(chart.findElements(By.cssSelector("rect.bar-pages"))).hasSize(rounds);
        assertThat(driver.findElements(By.cssSelector("#chart-limits polyline"))).hasSize(2);
        assertThat(driver.findElement(By.id("migration-metrics")).getText().toLowerCase())
                .contains("pages sent (npage)", "t1 preparation", "t2 downtime", "t3 resume");
        if (!done.get("prediction").isNull()) {
            assertThat(driver.findElement(By.id("prediction")).getText().toLowerCase()).contains("predicted", "actual");
        }
        assertThat(api("/api/v1/vms/" + vmName).get("host").asString()).isEqualTo(destination);
        screenshot("migration-completed-chart");
    }

    @Test
    @Order(3)
    void plansPageMakesADryRunOrSaysPlanningIsNotAvailable() {
        signIn("operator", "operator-pw");
        waitUntil("6 host tiles", () -> tiles().size() == 6);
        click(By.cssSelector("#nav a[href='#/plans']"));
        click(By.id("plan-rebalance"));
        waitUntil("a plan or the not-available message", () -> driver.getCurrentUrl().contains("#/plan/")
                || !driver.findElements(By.id("plans-unavailable")).isEmpty());
        if (driver.getCurrentUrl().contains("#/plan/")) {
            waitUntil("the plan's state", () -> !driver.findElements(By.cssSelector("#plan-head .badge")).isEmpty());
            assertThat(driver.findElement(By.cssSelector("#plan-head .badge")).getText()).isEqualTo("RECOMMENDED");
            String id = driver.getCurrentUrl().replaceAll(".*#/plan/", "");
            JsonNode plan = api("/api/v1/plans/" + id);
            assertThat(waitFor(By.id("chart-loads")).findElements(By.cssSelector("rect.bar-after")))
                    .hasSize(plan.get("hosts").size());
            if (!plan.get("migrations").isEmpty()) {
                // A dry run only: the execute button is there for the operator, and is not pressed.
                assertThat(waitFor(By.id("plan-execute")).getText()).startsWith("Execute");
                waitUntil("the matrix", () -> driver.findElements(By.cssSelector("#plan-matrix td.to")).size()
                        == plan.get("migrations").size());
            }
        }
        screenshot("plan");
    }

    @Test
    @Order(4)
    void adminSetsAVmsOwnPolicyAndLimits_andIsToldWhichFieldIsWrong() {
        signIn("admin", "admin-pw");
        waitUntil("6 host tiles", () -> tiles().size() == 6);
        JsonNode vm = quietVm();
        String vmName = vm.get("name").asString();
        String settings = "/api/v1/vms/" + vmName + "/settings";
        try {
            click(By.cssSelector(".tile[data-host='" + vm.get("host").asString() + "']"));
            click(By.cssSelector("#vm-table tr[data-vm='" + vmName + "'] .settings-button"));
            waitFor(By.id("settings-dialog"));
            // A post-copy policy on a VM that may not use post-copy: refused, the field named.
            new Select(driver.findElement(By.id("settings-policy"))).selectByValue("postcopy");
            click(By.id("settings-mode-postcopy"));
            click(By.id("settings-submit"));
            waitUntil("the refusal", () -> driver.findElement(By.id("settings-error")).getText().contains("(policy)"));
            screenshot("vm-settings-refused");

            click(By.id("settings-mode-postcopy"));
            new Select(driver.findElement(By.id("settings-policy"))).selectByValue("hybrid-2");
            driver.findElement(By.id("settings-downtime")).sendKeys("250");
            driver.findElement(By.id("settings-anti-affinity")).sendKeys("replicas");
            click(By.id("settings-allow-cold"));
            click(By.id("settings-submit"));
            waitUntil("the dialog closed", () -> !driver.findElement(By.id("settings-dialog")).isDisplayed());
            JsonNode saved = api(settings);
            assertThat(saved.get("policy").asString()).isEqualTo("hybrid-2");
            assertThat(saved.get("maxDowntimeMs").asInt()).isEqualTo(250);
            assertThat(saved.get("antiAffinityGroup").asString()).isEqualTo("replicas");
            assertThat(saved.get("allowedModes").isNull()).as("both modes checked = every mode").isTrue();
            assertThat(saved.get("allowCold").asBoolean()).isTrue();

            // Opened again, the dialog shows what is stored.
            click(By.cssSelector("#vm-table tr[data-vm='" + vmName + "'] .settings-button"));
            // The dialog reads the settings first: wait for the new one (open), not the closed one before it.
            WebElement reopened = waitFor(By.cssSelector("#settings-dialog[open]"));
            assertThat(new Select(reopened.findElement(By.id("settings-policy"))).getFirstSelectedOption()
                    .getAttribute("value")).isEqualTo("hybrid-2");
            assertThat(reopened.findElement(By.id("settings-downtime")).getAttribute("value")).isEqualTo("250");
            assertThat(reopened.findElement(By.id("settings-allow-cold")).isSelected()).isTrue();
            screenshot("vm-settings");
        } finally {
            putAsAdmin(settings, "{}");
        }
    }

    // ------------------------------------------------------------------ helpers

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void signIn(String user, String password) {
        WebElement name = waitFor(By.id("sign-in-user"));
        name.clear();
        name.sendKeys(user);
        WebElement pw = driver.findElement(By.id("sign-in-password"));
        pw.clear();
        pw.sendKeys(password);
        click(By.id("sign-in-submit"));
    }

    private List<WebElement> tiles() {
        return driver.findElements(By.cssSelector("#heatmap .tile"));
    }

    private boolean marksMatchApi() {
        JsonNode hosts = api("/api/v1/hosts");
        for (JsonNode h : hosts) {
            List<WebElement> tile = driver.findElements(By.cssSelector(".tile[data-host='" + h.get("name").asString() + "']"));
            if (tile.size() != 1) {
                return false;
            }
            Set<String> classes = new HashSet<>(List.of(tile.get(0).getAttribute("class").split(" ")));
            if (classes.contains("overloaded") != h.get("overloaded").asBoolean()
                    || classes.contains("hot") != !h.get("overloadedSince").isNull()) {
                return false;
            }
        }
        return true;
    }

    private JsonNode quietVm() {
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode h : api("/api/v1/hosts")) {
            if (!h.get("state").asString().equals("ACTIVE") || !h.get("overloadedSince").isNull()) {
                continue;
            }
            for (JsonNode v : api("/api/v1/vms?host=" + h.get("name").asString())) {
                if (v.get("state").asString().equals("RUNNING")
                        && api("/api/v1/migrations?vm=" + v.get("name").asString() + "&state=RUNNING").isEmpty()
                        && api("/api/v1/migrations?vm=" + v.get("name").asString() + "&state=PENDING").isEmpty()) {
                    candidates.add(v);
                }
            }
        }
        assertThat(candidates).as("a running VM on a calm host").isNotEmpty();
        // Quiet first (under 1 MiB/s dirtied), then nearest 8 GiB: a few seconds of pre-copy at 1 MiB/s x100.
        return candidates.stream().min(Comparator.comparingInt((JsonNode v) -> dirtyRate(v) < (1 << 20) ? 0 : 1)
                .thenComparingLong(v -> dirtyRate(v))
                .thenComparingLong(v -> Math.abs(v.get("memoryBytes").asLong() - (8L << 30)))).orElseThrow();
    }

    private static long dirtyRate(JsonNode vm) {
        return vm.get("dirtyRateBytesPerSecond").isNull() ? Long.MAX_VALUE : vm.get("dirtyRateBytesPerSecond").asLong();
    }

    private String calmHostOtherThan(String host) {
        for (JsonNode h : api("/api/v1/hosts")) {
            if (!h.get("name").asString().equals(host) && h.get("state").asString().equals("ACTIVE")
                    && h.get("overloadedSince").isNull()) {
                return h.get("name").asString();
            }
        }
        throw new AssertionError("no calm destination host");
    }

    private static long count(JsonNode array, java.util.function.Predicate<JsonNode> p) {
        long n = 0;
        for (JsonNode x : array) {
            if (p.test(x)) {
                n++;
            }
        }
        return n;
    }

    /** GET as the operator, straight to the API (the test's own view of the truth). */
    private void putAsAdmin(String path, String json) {
        String auth = Base64.getEncoder().encodeToString("admin:admin-pw".getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("PUT " + path + ": " + r.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode api(String path) {
        String auth = Base64.getEncoder().encodeToString("operator:operator-pw".getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Clicks once the element is shown and enabled; the page re-renders every 2 s, so retry if it went stale. */
    private void click(By by) {
        new WebDriverWait(driver, WAIT).withMessage("clickable: " + by).until(d -> {
            try {
                WebElement e = d.findElement(by);
                if (!e.isDisplayed() || !e.isEnabled()) {
                    return false;
                }
                e.click();
                return true;
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException
                     | org.openqa.selenium.ElementNotInteractableException e) {
                return false;
            }
        });
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    private void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, WAIT).withMessage(what).until(d -> {
            try {
                return condition.getAsBoolean();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false; // the page re-rendered between finding and reading: look again
            }
        });
    }

    /** Saves a PNG of the whole page (the window grows to the page's height first). */
    private void screenshot(String name) {
        // The window's height minus the viewport's is the browser's own frame, even when headless.
        Object height = ((JavascriptExecutor) driver).executeScript("return Math.max(document.body.scrollHeight,"
                + " document.documentElement.scrollHeight) + (window.outerHeight - window.innerHeight);");
        int h = Math.min(4000, Math.max(900, ((Number) height).intValue() + 8));
        driver.manage().window().setSize(new Dimension(1366, h));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        shot++;
        try {
            Files.write(screenshots.resolve(String.format("%02d-%s.png", shot, name)), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.manage().window().setSize(new Dimension(1366, 900));
    }
}
