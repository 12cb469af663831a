// A loopback TCP port nobody listens on, for a child process told which port to use.
#ifndef CXHUB_TESTS_MONITORING_FREE_PORT_H_
#define CXHUB_TESTS_MONITORING_FREE_PORT_H_

namespace cxhub::monitoring {

// A port the kernel just handed out on 127.0.0.1 and that is free again; 0 on failure.
// Another process could take it before the caller does, which the kernel makes unlikely by
// handing out ports in turn.
int FreeLoopbackPort();

}  // namespace cxhub::monitoring

#endif  // CXHUB_TESTS_MONITORING_FREE_PORT_H_
