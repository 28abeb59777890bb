using System.Diagnostics.Metrics;
using GroupBot.Data;

namespace GroupBot.Chat;

/// <summary>
/// The bot's counters, on the "GroupBot" meter: what came in, what went out, what failed, how deep
/// the outbox is and how late reminders fire. Any System.Diagnostics.Metrics listener can read them
/// (dotnet-counters, the OpenTelemetry exporter in the Health feature).
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "GroupBot";

    private readonly Counter<long> _received;
    private readonly Counter<long> _redelivered;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _stepDuration;
    private readonly Histogram<double> _reminderLag;

    public BotMetrics(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("groupbot.messages.received", "{message}", "Updates recorded in the inbox.");
        _redelivered = meter.CreateCounter<long>("groupbot.messages.redelivered", "{message}", "Updates ignored because they were seen before.");
        _sent = meter.CreateCounter<long>("groupbot.messages.sent", "{message}", "Outbox messages the channel accepted.");
        _failures = meter.CreateCounter<long>("groupbot.failures", "{failure}", "Handling and sending failures, by kind.");
        _stepDuration = meter.CreateHistogram<double>("groupbot.step.duration", "ms", "Time to handle one update: load, converse, commit.");
        _reminderLag = meter.CreateHistogram<double>("groupbot.reminder.lag", "s", "How long after its planned moment a reminder was queued.");
        meter.CreateObservableGauge("groupbot.outbox.depth", () => OutboxDepth(scopes), "{message}", "Outbox messages not yet sent, by status.");
    }

    public void Received(string channel) => _received.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Redelivered(string channel) => _redelivered.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Sent(string channel) => _sent.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <param name="kind">handler, dispatch, send_retry, send_failed, send_interrupted.</param>
    public void Failed(string kind, string? channel = null, int count = 1) =>
        _failures.Add(count, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("channel", channel));

    public void Step(string channel, TimeSpan took) =>
        _stepDuration.Record(took.TotalMilliseconds, new KeyValuePair<string, object?>("channel", channel));

    public void ReminderLag(string kind, TimeSpan lag) =>
        _reminderLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("kind", kind));

    private static IEnumerable<Measurement<long>> OutboxDepth(IServiceScopeFactory scopes)
    {
        // Read when a listener collects (once per export interval), not on every send.
        List<(OutboxStatus Status, int Count)> counts;
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            counts = [.. db.Outbox.Where(o => o.Status == OutboxStatus.Pending || o.Status == OutboxStatus.Waiting)
                .GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).AsEnumerable().Select(x => (x.Key, x.Count))];
        }
        catch (Exception ex) when (DbErrors.IsUnavailable(ex))
        {
            yield break; // the database is unavailable or the host is stopping: no reading this time
        }

        foreach (var status in new[] { OutboxStatus.Pending, OutboxStatus.Waiting })
        {
            var count = counts.FirstOrDefault(c => c.Status == status).Count;
            yield return new Measurement<long>(count, new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
        }
    }
}
