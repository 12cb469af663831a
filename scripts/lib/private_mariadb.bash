# Sourced by scripts/test and scripts/bench: a private MariaDB (scripts/mariadb) for one run.
#
#   start_private_mariadb DIR FIRST_PORT
#
# starts it with its data under DIR on the first free loopback port from FIRST_PORT, stops it
# when the calling script exits, and sets private_mariadb to its address in the form the tests
# and benchmarks read (host:port:user:password:database). FIRST_PORT lies below the kernel's
# ephemeral range (net.ipv4.ip_local_port_range, 32768 and up by default): a port in it can be
# the local end of some outgoing connection, which the probe below does not see and on which
# the server's bind fails ("Address already in use"; seen with 33306 after a test run here).
start_private_mariadb() {
  local dir=$1 port=$2
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  # shellcheck disable=SC2064  # The directory is fixed now, not when the trap runs.
  trap "scripts/mariadb stop '$dir'" EXIT
  scripts/mariadb start "$dir" "$port"
  private_mariadb="127.0.0.1:$port:cxhub:cxhub:cxhub_test"
}
