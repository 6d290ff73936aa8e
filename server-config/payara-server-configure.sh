#!/usr/bin/env bash
# Deploys Stratacache on Payara Server 6 (the full server) with asadmin: starts the domain, binds its
# data grid to the settings of grid.properties, applies post-boot-commands.asadmin, sets the
# application's settings as system properties and deploys the WAR at the context root /.
# Run it again to redeploy; every step is idempotent. See docs/servers.md, "Payara Server".
#
#   PAYARA_HOME=target/payara6 server-config/payara-server-configure.sh \
#     ADMIN_TOKEN=change-me DB_URL='jdbc:postgresql://db:5432/stratacache' DB_USER=... DB_PASSWORD=...
#
# Arguments: KEY=VALUE application settings (any MicroProfile Config key the application reads),
# set with create-system-properties; colons and equals signs in values are escaped here.
# Environment:
#   PAYARA_HOME     the unpacked distribution (the folder holding bin/asadmin); required
#   WAR             the WAR to deploy (default target/ROOT.war)
#   DOMAIN          the domain (default domain1)
#   PORTBASE        when the domain does not exist yet: create it with this port base (admin
#                   PORTBASE+48, HTTP +80, JMX +86); unset: the domain must exist
#   CLUSTER_NAME    the data grid's cluster name (default stratacache, as grid.properties)
#   GRID_INTERFACES the interfaces the data grid binds to (default 127.0.0.1, as grid.properties)
#   DATA_DIR        where the default H2 database and JWT key live (default <domain>/data)
#   DEPLOY          false: configure the domain only (a deployer such as Arquillian's Payara
#                   Server container deploys the WAR itself); default true
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
: "${PAYARA_HOME:?set PAYARA_HOME to the unpacked Payara Server (the folder with bin/asadmin)}"
WAR="${WAR:-target/ROOT.war}"
DEPLOY="${DEPLOY:-true}"
DOMAIN="${DOMAIN:-domain1}"
CLUSTER_NAME="${CLUSTER_NAME:-stratacache}"
GRID_INTERFACES="${GRID_INTERFACES:-127.0.0.1}"
domains="$PAYARA_HOME/glassfish/domains"
DATA_DIR="${DATA_DIR:-$domains/$DOMAIN/data}"
asadmin="$PAYARA_HOME/bin/asadmin"

if [[ "$DEPLOY" != false && ! -f "$WAR" ]]; then
  echo "no WAR at $WAR: run mvn package first" >&2
  exit 2
fi

if [[ ! -d "$domains/$DOMAIN" ]]; then
  : "${PORTBASE:?domain $DOMAIN does not exist: set PORTBASE to create it}"
  "$asadmin" --user admin create-domain --nopassword=true \
    --portbase "$PORTBASE" "$DOMAIN"
fi
# The admin port of the domain, for every remote command (a domain made with PORTBASE has its own).
# (The first network-listener of protocol admin-listener: the DAS's; attribute order varies.)
admin_port="$(grep -m 1 '<network-listener [^>]*protocol="admin-listener"' \
  "$domains/$DOMAIN/config/domain.xml" | sed -n 's/.* port="\([0-9]*\)".*/\1/p')"
remote=("$asadmin" --port "${admin_port:-4848}")

if ! "${remote[@]}" list-applications >/dev/null 2>&1; then
  "$asadmin" start-domain "$DOMAIN"
fi

# The data grid (Payara Server runs Hazelcast in domain1 by default): the same loopback default and
# cluster-name idea as Payara Micro's grid.properties. Host-aware partitioning off, as there, so
# instances on one host keep backups for each other.
"${remote[@]}" set-hazelcast-configuration --clustername "$CLUSTER_NAME" \
  --interfaces "$GRID_INTERFACES" --hostawarepartitioning false --dynamic true

# The same request-thread settings as Payara Micro (asadmin `set` lines).
"${remote[@]}" multimode --file "$here/post-boot-commands.asadmin"

# Application settings: absolute defaults for the data folder (the server's working directory is
# the domain's config folder), then the arguments. Set before deploying: the data source is
# defined at deployment.
mkdir -p "$DATA_DIR"
escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g' -e 's/=/\\=/g'; }
declare -A settings=(
  [DB_URL]="jdbc:h2:file:$DATA_DIR/h2/stratacache;DB_CLOSE_ON_EXIT=FALSE"
  [AUTH_KEY_FILE]="$DATA_DIR/jwt-signing-key.pem"
)
for arg in "$@"; do
  settings["${arg%%=*}"]="${arg#*=}"
done
list=""
for key in "${!settings[@]}"; do
  list+="${list:+:}$key=$(escape "${settings[$key]}")"
done
"${remote[@]}" create-system-properties "$list"

if [[ "$DEPLOY" != false ]]; then
  "${remote[@]}" deploy --force=true --contextroot / --name stratacache "$WAR"
fi
