package org.kvmorch;

import java.util.Arrays;
import org.kvmorch.bench.BenchCommand;
import org.kvmorch.cli.SimulateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The orchestrator service. With a first argument naming a command ({@code simulate}) it runs that
 * command instead of the service and exits with its status.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrchestratorApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("simulate")) {
            System.exit(SimulateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        try {
            SpringApplication.run(OrchestratorApplication.class, args);
        } catch (Throwable startupFailure) {
            // OneLineFailureReporter has already said what went wrong, in one line.
            System.exit(1);
        }
    }
}
