package dev.holdfast.platform.shared.jobs.internal;

import dev.holdfast.platform.shared.jobs.JobInstance;
import dev.holdfast.platform.shared.jobs.JobRunningException;
import dev.holdfast.platform.shared.jobs.Jobs;
import dev.holdfast.platform.shared.jobs.NoSuchJobException;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' jobs page: scheduled, running and failing jobs with their last error, and "Run now". Works
 * without JavaScript (the form posts and redirects back); with htmx only the jobs section is swapped. A bad request
 * shows the page with the problem and a 4xx status (with htmx, 200, because htmx swaps only successful responses).
 */
@Controller
class JobsController {

    private final JobsBoard board;
    private final Jobs jobs;

    JobsController(JobsBoard board, Jobs jobs) {
        this.board = board;
        this.jobs = jobs;
    }

    @GetMapping("/admin/jobs")
    String page(@RequestParam(required = false) @Nullable String ran, Model model) {
        model.addAttribute("page", board.page(ran == null ? null : ran + " will run now.", null));
        return "shared/jobs";
    }

    @PostMapping("/admin/jobs/run")
    String runNow(@RequestParam(required = false) @Nullable String job, @RequestParam(required = false) @Nullable String instance,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
            HttpServletResponse response) {
        if (job == null || job.isBlank() || instance == null || instance.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "Say which job to run: the form needs a job and an instance.", htmx, model, response);
        }
        JobInstance target = new JobInstance(job, instance);
        try {
            jobs.runNow(target);
        } catch (NoSuchJobException e) {
            return problem(HttpStatus.NOT_FOUND, "Job " + target + " is not scheduled (any more).", htmx, model, response);
        } catch (JobRunningException e) {
            return problem(HttpStatus.CONFLICT, "Job " + target + " is running right now; try again when it is done.", htmx, model,
                    response);
        }
        return "redirect:/admin/jobs?ran=" + URLEncoder.encode(target.toString(), StandardCharsets.UTF_8);
    }

    private String problem(HttpStatus status, String problem, @Nullable String htmx, Model model, HttpServletResponse response) {
        response.setStatus(htmx == null ? status.value() : HttpStatus.OK.value());
        model.addAttribute("page", board.page(null, problem));
        return "shared/jobs";
    }
}
