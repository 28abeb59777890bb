using GroupBot.Data;
using GroupBot.Reminders;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Trainings;

/// <summary>One Quartz job per training with one-off triggers; moving or cancelling replaces it whole.</summary>
public sealed class TrainingScheduler(JobSchedule jobs, LocalClock clock, IOptions<ReminderOptions> options)
{
    public const string TrainingsGroup = "trainings";

    public static JobKey TrainingJob(long trainingId) => new($"training-{trainingId}", TrainingsGroup);

    /// <summary>A week before (at the start time), the evening before, and TrainingLead before the start.</summary>
    public async Task ScheduleTrainingAsync(Training training, CancellationToken ct)
    {
        var o = options.Value;
        var key = TrainingJob(training.Id);
        if (training.Status == TrainingStatus.Cancelled)
        {
            await jobs.UnscheduleAsync(key, ct);
            return;
        }

        var start = clock.ToUtc(training.StartDate, training.StartTime);
        var job = JobBuilder.Create<TrainingReminderJob>().WithIdentity(key)
            .UsingJobData("trainingId", training.Id).UsingJobData("version", training.ScheduleVersion).Build();
        var triggers = new[]
            {
                ("week", start - o.TrainingWeekBefore),
                ("eve", clock.ToUtc(training.StartDate.AddDays(-1), o.EveningBefore)),
                ("lead", start - o.TrainingLead),
            }
            .Where(t => t.Item2 > clock.UtcNow)
            .Select(t => JobSchedule.Once(key, t.Item1, t.Item2))
            .ToArray();
        await jobs.ReplaceAsync(job, triggers, ct);
    }

    public Task<bool> ExistsAsync(JobKey key, CancellationToken ct) => jobs.ExistsAsync(key, ct);
}

/// <summary>
/// Trainings are saved first and their Quartz job written after the commit (a separate file), so a
/// crash in between leaves a training without reminders: at start and hourly, those are put back.
/// </summary>
public sealed class TrainingSync(IServiceScopeFactory scopes, TrainingScheduler scheduler, LocalClock clock, ILogger<TrainingSync> logger) : IScheduleSync
{
    public async Task<int> SyncAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var today = clock.Today;
        var restored = 0;
        foreach (var training in await db.Trainings.AsNoTracking().Where(t => t.Status != TrainingStatus.Cancelled && t.StartDate >= today).ToListAsync(ct))
        {
            if (!await scheduler.ExistsAsync(TrainingScheduler.TrainingJob(training.Id), ct))
            {
                await scheduler.ScheduleTrainingAsync(training, ct);
                restored++;
            }
        }

        if (restored > 0)
        {
            logger.LogInformation("Scheduled reminders for {Count} trainings that had no reminder job", restored);
        }

        return restored;
    }
}
