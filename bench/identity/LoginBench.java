package identity;

import common.Bench;
import java.net.URI;

/**
 * Password sign-ins against a running Holdfast, each as a new browser would do it (fresh cookie jar: GET the
 * sign-in page for the CSRF token, then fill in each sign-in step, username and then password, until the home
 * page), several at once.
 * Sessions are kept (no sign-out), so after the run the server holds one active session per sign-in.
 * Reads the server's CPU time from /proc before and after, so CPU per sign-in excludes this client.
 *
 * Usage: java LoginBench.java <base-url> <username> <password> <sign-ins> <concurrency> <server-pid>
 * Prints: key=value lines.
 */
public class LoginBench {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String username = args[1];
        String password = args[2];
        int total = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        long pid = Long.parseLong(args[5]);

        Bench.Load load = Bench.load(pid, total, concurrency, worker -> i ->
                Bench.signIn(Bench.browser(), base.resolve("/login"), username, password, Bench::isHome) != null);
        load.print(new Bench.Keys("sign_ins", "sign_ins_per_second", "server_cpu_ms_per_sign_in", "sign_ins_per_core_second"));
    }
}
