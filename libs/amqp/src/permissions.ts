/** The three regexes of `rabbitmqctl set_permissions -p <vhost> <user> <configure> <write> <read>`. */
export interface BrokerPermissions {
  configure: string;
  write: string;
  read: string;
}

/**
 * The least a service's broker user needs: everything named `<service>.…` (its events exchange,
 * its own queues exchange and its queues) to declare, publish to and bind, and to read besides
 * the events exchange of each producer it consumes (to bind its queue there). It can publish to
 * no other exchange and read no other queue; the default exchange, which reaches every queue of
 * the vhost, is not needed. Producers' exchanges are only checked, which needs no permission.
 */
export function servicePermissions(
  service: string,
  producers: readonly string[],
): BrokerPermissions {
  const own = `^${escape(service)}\\.`;
  const sources = producers.map((p) => `${escape(p)}\\.events`);
  return {
    configure: own,
    write: own,
    read: sources.length > 0 ? `^(${escape(service)}\\..*|${sources.join('|')})$` : own,
  };
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
