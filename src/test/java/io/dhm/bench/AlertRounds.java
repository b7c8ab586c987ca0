package io.dhm.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.github.dockerjava.api.model.Event;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;

/**
 * How late a confirmed alert leaves once the confirmation wait (WAIT_AND_CHECK_AGAIN_MIN) is over: each round starts
 * the {@link Trouble} (the {@link Probe}'s /tmp/ok removed, or the {@link CrashProbe}'s exit), takes the engine's time
 * of the event that starts the wait ({@code health_status: unhealthy}, or {@code die}), and polls the in-process SMTP
 * server every 10 ms for the CRITICAL mail about the container (subject {@code CRITICAL: [project] <name> - ...}, to
 * the configured recipient), noting the wall clock when it is there. Lateness = that time - (event time + wait): the
 * monitor's way from the event to its wait, the recheck after it, dispatch, the outbox and the SMTP delivery. Then the
 * trouble ends and the round ends with the INFO recovery mail, so that each round is a new alert episode (the monitor
 * must run with ALERT_COOLDOWN_SEC=0, or the cooldown would hold back every CRITICAL after the first).
 */
final class AlertRounds {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration MAIL_WAIT = Duration.ofSeconds(60); // on top of the confirmation wait

    private final EngineEvents events;
    private final Trouble probe;
    private final GreenMail smtp;
    private final String recipient;
    private final Duration confirmWait;
    private int mailsSeen;

    AlertRounds(EngineEvents events, Trouble probe, GreenMail smtp, String recipient, Duration confirmWait) {
        this.events = events;
        this.probe = probe;
        this.smtp = smtp;
        this.recipient = recipient;
        this.confirmWait = confirmWait;
    }

    /** {@code warmUps} rounds not counted (a fresh JVM's first mail loads the mail classes), then the timed ones, s. */
    double[] run(int warmUps, int rounds) throws Exception {
        mailsSeen = smtp.getReceivedMessages().length;
        double[] lateness = new double[rounds];
        for (int round = -warmUps; round < rounds; round++) {
            double seconds = round(round < 0 ? "warm-up" : "round " + (round + 1));
            if (round >= 0) {
                lateness[round] = seconds;
            }
        }
        return lateness;
    }

    private double round(String label) throws Exception {
        probe.fault();
        Event onset = events.next(EngineEvents.action(probe.id(), probe.onset()), probe.name() + " " + probe.onset(),
                Duration.ofSeconds(60));
        long due = onset.getTimeNano() + confirmWait.toNanos();
        long received = awaitMail("CRITICAL", due + MAIL_WAIT.toNanos());
        double lateness = (received - due) / 1e9;
        probe.repair();
        awaitMail("INFO", BenchSupport.epochNanos() + MAIL_WAIT.toNanos());
        System.err.printf("  alert, %s: CRITICAL mail %.3f s after the wait ended (%s event + %d s)%n", label,
                lateness, probe.onset(), confirmWait.toSeconds());
        return lateness;
    }

    /** Polls for the next mail of this severity about the probe; returns the wall clock (epoch ns) it was seen at. */
    private long awaitMail(String severity, long deadlineEpochNanos) throws Exception {
        while (true) {
            MimeMessage[] all = smtp.getReceivedMessages();
            long now = BenchSupport.epochNanos();
            for (; mailsSeen < all.length; mailsSeen++) {
                if (isAboutProbe(all[mailsSeen], severity)) {
                    mailsSeen++;
                    return now;
                }
            }
            if (now > deadlineEpochNanos) {
                throw new IllegalStateException("no " + severity + " mail about " + probe.name() + " to " + recipient
                        + " in time");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private boolean isAboutProbe(MimeMessage mail, String severity) throws MessagingException {
        String subject = mail.getSubject();
        boolean toRecipient = Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                .anyMatch(address -> address.toString().contains(recipient));
        return toRecipient && subject.startsWith(severity + ":") && subject.contains(" " + probe.name() + " ");
    }
}
