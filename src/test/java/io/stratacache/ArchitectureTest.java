package io.stratacache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The package fences of {@code docs/architecture.md}, checked on the compiled main classes (tests
 * are not analysed). Each rule names the fence it holds; a failure lists every offending dependency
 * with its class and line.
 *
 * <p>The parts: the cache <b>core</b> is the root package {@code io.stratacache.cache} (the API and
 * the chaining logic); beside it the tier SPI {@code cache.tier}, one package per tier
 * implementation under it, the codecs {@code cache.codec} (a plug-in package like the tiers: it may
 * use JSON-B), the JSR-107 adapter {@code cache.jcache} and the Hazelcast cluster services {@code
 * cache.cluster}. A <b>feature</b> is a top-level package that uses the cache API; its root package
 * is its API, its sub-packages are its internals. {@code platform} (producers, the data source) and
 * {@code rest} (the JAX-RS application) are shared by the features.
 */
@AnalyzeClasses(packages = "io.stratacache", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "io.stratacache";
  private static final String CACHE = ROOT + ".cache";
  private static final String TIER_SPI = CACHE + ".tier";
  private static final String TIER_IMPLEMENTATIONS = TIER_SPI + ".*..";

  /** Every feature package. */
  static final List<String> FEATURES =
      List.of("admin", "ai", "brand", "demo", "http", "identity", "monitoring", "store", "warmup");

  private static String[] featurePackages() {
    return FEATURES.stream().map(f -> ROOT + "." + f + "..").toArray(String[]::new);
  }

  private static String[] with(String[] packages, String... more) {
    String[] all = Arrays.copyOf(packages, packages.length + more.length);
    System.arraycopy(more, 0, all, packages.length, more.length);
    return all;
  }

  @ArchTest
  static final ArchRule core_importsNoTierImplementationJakartaRestPlatformOrFeature =
      noClasses()
          .that()
          .resideInAPackage(CACHE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              with(
                  featurePackages(),
                  TIER_IMPLEMENTATIONS,
                  "jakarta..",
                  ROOT + ".rest..",
                  ROOT + ".platform.."))
          .because(
              "the cache core is plain Java over the tier SPI: tiers come through TierFactory,"
                  + " and Jakarta, REST, the platform and the features sit above it");

  @ArchTest
  static final ArchRule cache_importsNoFeatureRestOrPlatform =
      noClasses()
          .that()
          .resideInAPackage(CACHE + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(with(featurePackages(), ROOT + ".rest..", ROOT + ".platform.."))
          .because("the cache, its tiers and adapters are used by the features, never the reverse");

  @ArchTest
  static final ArchRule tierImplementations_importNoOtherTier =
      slices()
          .matching(TIER_SPI + ".(*)..")
          .namingSlices("tier $1")
          .should()
          .notDependOnEachOther()
          .because("tiers are chained by the core, so each knows only the tier SPI");

  @ArchTest
  static final ArchRule tierImplementations_importOnlyTheTierSpi =
      noClasses()
          .that()
          .resideInAPackage(TIER_IMPLEMENTATIONS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              with(
                  featurePackages(),
                  CACHE,
                  CACHE + ".cluster..",
                  CACHE + ".codec..",
                  CACHE + ".jcache..",
                  ROOT + ".rest..",
                  ROOT + ".platform.."))
          .because(
              "a tier implements the SPI in cache.tier and knows nothing of the core above it");

  @ArchTest
  static final ArchRule codec_importsNothingOfTheCache =
      noClasses()
          .that()
          .resideInAPackage(CACHE + ".codec..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              with(
                  featurePackages(),
                  CACHE,
                  TIER_SPI + "..",
                  CACHE + ".cluster..",
                  CACHE + ".jcache..",
                  ROOT + ".rest..",
                  ROOT + ".platform.."))
          .because("codecs turn values into bytes, a plug-in beside the tiers that the core uses");

  @ArchTest
  static final ArchRule jcache_importsNoTier =
      noClasses()
          .that()
          .resideInAPackage(CACHE + ".jcache..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(TIER_SPI + "..")
          .because("the JSR-107 adapter serves the annotations through the cache API only");

  @ArchTest
  static final ArchRule hazelcast_importedOnlyByTheGridTierAndTheClusterPackage =
      noClasses()
          .that()
          .resideOutsideOfPackages(TIER_SPI + ".grid..", CACHE + ".cluster..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.hazelcast..")
          .because("the grid is one tier: HazelcastCluster hands it and the cluster services out");

  @ArchTest
  static final ArchRule features_importNoTier =
      noClasses()
          .that()
          .resideInAnyPackage(featurePackages())
          .should()
          .dependOnClassesThat()
          .resideInAPackage(TIER_SPI + "..")
          .because("features use the cache API (cache, cache.jcache, cache.codec), never a tier");

  @ArchTest
  static final ArchRule features_reachNoOtherFeaturesInternals =
      classes()
          .that()
          .resideInAPackage(ROOT + "..")
          .should(notReachIntoAnotherFeaturesSubPackage())
          .because(
              "a feature's root package is its API; its sub-packages (monitoring.trend,"
                  + " warmup.hotkey, ...) are internals that only the feature itself uses");

  @ArchTest
  static final ArchRule topLevelPackages_formNoCycle =
      slices()
          .matching(ROOT + ".(*)..")
          .namingSlices("$1")
          .should()
          .beFreeOfCycles()
          .because("dependencies between the top-level packages point one way");

  @ArchTest
  static final ArchRule cachePackages_formNoCycle =
      slices()
          .assignedFrom(packagesOf(CACHE))
          .should()
          .beFreeOfCycles()
          .because("core, SPI, tiers, codecs and adapters depend on each other one way");

  /** The feature a package belongs to, if it belongs to one. */
  static Optional<String> featureOf(String packageName) {
    if (!packageName.startsWith(ROOT + ".")) {
      return Optional.empty();
    }
    String top = packageName.substring(ROOT.length() + 1).split("\\.", 2)[0];
    return FEATURES.contains(top) ? Optional.of(top) : Optional.empty();
  }

  /** True for a sub-package of a feature (an internal), false for its root package or others. */
  static boolean isFeatureInternal(String packageName) {
    return featureOf(packageName)
        .map(f -> packageName.startsWith(ROOT + "." + f + "."))
        .orElse(false);
  }

  /** Violated by each dependency on a feature's sub-package from outside that feature. */
  private static ArchCondition<JavaClass> notReachIntoAnotherFeaturesSubPackage() {
    return new ArchCondition<>("not depend on another feature's sub-packages") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> own = featureOf(origin.getPackageName());
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          String target = d.getTargetClass().getPackageName();
          if (isFeatureInternal(target) && !featureOf(target).equals(own)) {
            events.add(SimpleConditionEvent.violated(origin, d.getDescription()));
          }
        }
      }
    };
  }

  /** One slice per package under {@code root}, the root itself included; other classes ignored. */
  private static SliceAssignment packagesOf(String root) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String p = javaClass.getPackageName();
        return p.equals(root) || p.startsWith(root + ".")
            ? SliceIdentifier.of(p)
            : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "packages of " + root;
      }
    };
  }
}
