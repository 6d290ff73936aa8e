package io.stratacache.rest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Payara's OpenAPI scanner (6.2025.10) throws a NullPointerException, and {@code /openapi} answers
 * 500, for any Bean Validation constraint on a constructor or method parameter that is not also a
 * {@code @PathParam}. Record components reach their implicit canonical constructor's parameters, so
 * a constrained request record declares its canonical constructor. This rule finds a parameter that
 * would break the document before a server is started (PlatformIT checks the document itself).
 */
@AnalyzeClasses(packages = "io.stratacache", importOptions = ImportOption.DoNotIncludeTests.class)
class OpenApiConstraintsTest {

  @ArchTest
  static final ArchRule constrainedParameters_arePathParams =
      codeUnits()
          .should(
              new ArchCondition<JavaCodeUnit>(
                  "constrain no parameter with Bean Validation unless it is a @PathParam") {
                @Override
                public void check(JavaCodeUnit unit, ConditionEvents events) {
                  for (JavaParameter p : unit.getParameters()) {
                    boolean constrained =
                        p.getAnnotations().stream()
                            .map(JavaAnnotation::getRawType)
                            .anyMatch(
                                t -> t.getPackageName().equals("jakarta.validation.constraints"));
                    if (constrained && !p.isAnnotatedWith("jakarta.ws.rs.PathParam")) {
                      events.add(
                          SimpleConditionEvent.violated(
                              unit,
                              "parameter "
                                  + p.getIndex()
                                  + " of "
                                  + unit.getFullName()
                                  + " carries a Bean Validation constraint"));
                    }
                  }
                }
              });
}
