# Stratacache on the official Payara Micro image.
#   docker build -t stratacache .
#   docker run -p 8080:8080 -v stratacache-data:/opt/payara/data stratacache
# PAYARA_VERSION must equal <payara.version> in pom.xml (a unit test checks it).
ARG PAYARA_VERSION=6.2025.10

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY liquibase liquibase
COPY src src
# The WAR only: no tests, and no copy of Payara Micro into target/ (the image has its own).
RUN mvn -B -q package -DskipTests -Dmdep.skip=true

FROM payara/micro:${PAYARA_VERSION}-jdk17
COPY --chown=payara:payara server-config/ /opt/payara/config/
COPY --from=build --chown=payara:payara /src/target/ROOT.war /opt/payara/deployments/ROOT.war
RUN mkdir -p /opt/payara/data
WORKDIR /opt/payara
# The embedded default; production sets DB_URL, DB_USER and DB_PASSWORD to its PostgreSQL.
ENV DB_URL="jdbc:h2:file:/opt/payara/data/stratacache;DB_CLOSE_ON_EXIT=FALSE" \
    DEMO_DATA=full
VOLUME /opt/payara/data
# 8080 HTTP; 6900 the data grid (Hazelcast) port other instances connect to.
EXPOSE 8080 6900
# The same server-config/ files the run command uses. The grid binds to loopback unless the
# command line overrides it, for example:
#   docker run ... stratacache --interfaces 10.0.1.* --clustermode tcpip:10.0.1.11:6900,10.0.1.12:6900 --hzpublicaddress 10.0.1.11
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=75.0", \
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", \
            "-jar", "/opt/payara/payara-micro.jar", \
            "--deploy", "/opt/payara/deployments/ROOT.war", "--contextroot", "/", "--port", "8080", \
            "--systemproperties", "/opt/payara/config/grid.properties", \
            "--postbootcommandfile", "/opt/payara/config/post-boot-commands.asadmin"]
CMD []
