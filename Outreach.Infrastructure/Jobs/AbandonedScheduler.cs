namespace Outreach.Infrastructure.Jobs;

/// <summary>
/// What is left of a scheduler whose stop was abandoned (<see cref="SchedulerShutdownGuard"/>): Quartz's worker threads
/// are foreground threads, so they keep the process alive after the host has stopped and <c>Main</c> has returned.
/// </summary>
public static class AbandonedScheduler
{
    private static volatile bool threadsLeft;

    /// <summary>True once a stop was abandoned in this process.</summary>
    public static bool ThreadsLeft => threadsLeft;

    internal static void Record() => threadsLeft = true;

    /// <summary>
    /// Ends the process when a stop was abandoned; call it after the host has run and been disposed (the last line of
    /// <c>Main</c>), where nothing is left to wait for but those threads.
    /// </summary>
    public static void ExitIfThreadsLeft()
    {
        if (threadsLeft)
        {
            Environment.Exit(Environment.ExitCode);
        }
    }
}
