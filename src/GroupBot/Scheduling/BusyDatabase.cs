using GroupBot.Data;
using Quartz;

namespace GroupBot.Scheduling;

/// <summary>
/// Part of every job's opening (<see cref="ScopedJob{TService}"/>). A job that meets a busy database (another writer held the lock
/// past the busy timeout) runs again at once instead of failing: Quartz does not fire a failed run
/// again, so the reminder would be lost. Each run has already waited the timeout, and what an
/// earlier run queued is not queued twice (delivery keys).
/// </summary>
public static class BusyDatabase
{
    public static async ValueTask RetryJobAsync(Func<ValueTask> run, ILogger logger)
    {
        try
        {
            await run();
        }
        catch (Exception ex) when (DbErrors.IsBusy(ex))
        {
            logger.LogWarning("Database busy; the job runs again");
            throw new JobExecutionException("Database busy", ex) { RefireImmediately = true };
        }
    }
}
