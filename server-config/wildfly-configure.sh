#!/bin/sh
# Makes WildFly's configuration for Stratacache: standalone-stratacache.xml, which is
# standalone-microprofile.xml plus the EJB3 subsystem (server-config/wildfly-ejb.cli), written
# offline with jboss-cli's embedded server. Idempotent: an existing file is made anew.
#   server-config/wildfly-configure.sh /path/to/wildfly-38.0.1.Final
# then: bin/standalone.sh -c standalone-stratacache.xml (docs/servers.md, "WildFly").
set -eu
home=${1:?usage: wildfly-configure.sh WILDFLY_HOME}
here=$(cd "$(dirname "$0")" && pwd)
config="$home/standalone/configuration"
cp "$config/standalone-microprofile.xml" "$config/standalone-stratacache.xml"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}" "$home/bin/jboss-cli.sh" --file="$here/wildfly-ejb.cli"
grep -q 'urn:jboss:domain:ejb3' "$config/standalone-stratacache.xml"
echo "wrote $config/standalone-stratacache.xml"
