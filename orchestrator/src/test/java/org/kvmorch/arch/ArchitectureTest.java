package org.kvmorch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependency rules: the port and simulator stay plain Java; only wiring knows implementations. */
@AnalyzeClasses(packages = "org.kvmorch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule hypervisorPortKnowsNoSpringNorDatabase = noClasses()
            .that().resideInAPackage("org.kvmorch.hypervisor..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "org.kvmorch.db..", "org.kvmorch.api..", "org.kvmorch.fleet..", "org.kvmorch.config..");

    @ArchTest
    static final ArchRule onlyWiringKnowsHypervisorImplementations = noClasses()
            .that().resideInAPackage("org.kvmorch..")
            .and().resideOutsideOfPackages("org.kvmorch.hypervisor..", "org.kvmorch.config..", "org.kvmorch.cli..",
                    "org.kvmorch.bench..", "org.kvmorch.prediction..")
            .should().dependOnClassesThat().resideInAnyPackage("org.kvmorch.hypervisor.sim..",
                    "org.kvmorch.hypervisor.libvirt..");

    @ArchTest
    static final ArchRule commandLineKnowsNoSpring = noClasses()
            .that().resideInAPackage("org.kvmorch.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");
}
