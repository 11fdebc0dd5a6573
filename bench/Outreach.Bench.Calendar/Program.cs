using Outreach.Bench;
using Outreach.Bench.Calendar;

const string Usage = """
    Outreach calendar benchmark

      grid --connection CS [--enrollments 250000] [--executions 20000] [--runs 40]
          Migrates the (empty) database, creates a team in America/Chicago with the four default rules, a running
          and a paused campaign, and schedules N enrollments' next steps and M pending follow-ups over the next
          seven days (with as many finished rows beside them), then times what the calendar page loads through
          the product's ScheduleCalendar and FollowUpRules: the week grid (unfiltered and filtered), the busiest
          hour and a whole day. Prints RESULT lines; exits 1 when a target is missed.
    """;

return await BenchMain.RunAsync(args, Usage, new Dictionary<string, BenchMain.Command>
{
    ["grid"] = GridCommand.RunAsync,
});
