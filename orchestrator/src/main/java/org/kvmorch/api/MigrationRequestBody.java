package org.kvmorch.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * POST /api/v1/migrations. Destination omitted: the orchestrator chooses. {@code tls} omitted: the
 * policy's {@code migrationTls}.
 */
public record MigrationRequestBody(
        @NotBlank @Size(max = 128) String vm,
        @Size(min = 1, max = 128) String destination,
        @Size(min = 1, max = 64) String policy,
        @Min(1) @Max(2_000_000) Integer maxDowntimeMs,
        @Min(1) @Max(1_000_000) Long bandwidthMibps,
        Boolean tls) {
}
