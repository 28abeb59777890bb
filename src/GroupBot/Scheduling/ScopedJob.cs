using GroupBot.Data;
using Quartz;

namespace GroupBot.Scheduling;

/// <summary>When a run was meant to fire (not when it ran: a run late after a restart knows how late it is), and the local date that was.</summary>
public readonly record struct Fired(DateTime Utc, DateOnly LocalDate);

/// <summary>
/// The opening every job shares: a DI scope of its own, <see cref="BusyDatabase"/>'s retry, and the
/// moment it was meant to fire. A job only reads its data and calls one method of
/// <typeparamref name="TService"/>, which a test can call directly.
/// </summary>
public abstract class ScopedJob<TService>(IServiceScopeFactory scopes, LocalClock clock, ILogger logger) : IJob where TService : notnull
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        BusyDatabase.RetryJobAsync(async () =>
        {
            var firedUtc = context.ScheduledFireTimeUtc?.UtcDateTime ?? clock.UtcNow;
            await using var scope = scopes.CreateAsyncScope();
            await RunAsync(scope.ServiceProvider.GetRequiredService<TService>(), context.MergedJobDataMap,
                new Fired(firedUtc, DateOnly.FromDateTime(clock.ToLocal(firedUtc))), cancellationToken);
        }, logger);

    protected abstract Task RunAsync(TService service, JobDataMap data, Fired fired, CancellationToken ct);
}
