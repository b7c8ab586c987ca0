package io.dhm.check;

import io.dhm.engine.ContainerView;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A TCP connect to host:port from the monitor's host; passes when the connection is accepted in time. */
public class TcpProbe implements Probe {

    @Override
    public ProbeResult probe(CheckSpec spec, ContainerView container) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(address(spec.target()), (int) spec.timeout().toMillis());
            return new ProbeResult(true, "connected to " + spec.target(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new ProbeResult(false, spec.target() + ": " + Probe.reason(e), (System.nanoTime() - start) / 1_000_000);
        }
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(hostPort.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + hostPort + "' is not host:port");
        }
    }
}
