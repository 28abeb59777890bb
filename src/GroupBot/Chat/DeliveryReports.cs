using GroupBot.Data;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

/// <summary>What a channel learns later about a message it accepted (WhatsApp statuses), in the core's words.</summary>
/// <param name="ExternalId">The channel's id of the message, as its send returned it.</param>
/// <param name="AtUtc">When it happened, if the channel said.</param>
public abstract record DeliveryNews(string ExternalId, DateTime? AtUtc)
{
    /// <summary>The message got this far.</summary>
    public sealed record Reached(string ExternalId, DeliveryStage Stage, DateTime? AtUtc) : DeliveryNews(ExternalId, AtUtc);

    /// <summary>
    /// The message did not arrive. <paramref name="Outcome"/> classifies why as the channel's sender
    /// would classify a refused send: her window is closed (<see cref="SendResult.Waiting"/>), try
    /// again (<see cref="SendResult.Transient"/>), or never (<see cref="SendResult.Permanent"/>).
    /// </summary>
    public sealed record Failed(string ExternalId, SendResult Outcome, DateTime? AtUtc) : DeliveryNews(ExternalId, AtUtc);
}

/// <summary>What the core made of one piece of delivery news, for the channel's answer and log.</summary>
public abstract record DeliveryOutcome
{
    /// <summary>Recorded, or nothing to change (known already, stale, or about a message that is not ours).</summary>
    public sealed record Taken : DeliveryOutcome;

    /// <summary>A failure for a message whose send is not recorded yet (the news raced the API's answer): ask for it again.</summary>
    public sealed record NotYetKnown : DeliveryOutcome;

    /// <summary>The message did not arrive; its row now says what happens next.</summary>
    public sealed record Undelivered(long OutboxId, string Error) : DeliveryOutcome;
}

/// <summary>
/// The channel reports, the core decides: delivery news moves the outbox row through its own
/// transitions. A failure because her window closed sends the message again as its template, or
/// holds it until she writes; a passing failure retries with the dispatcher's back-off; any other
/// fails it, where facilitators can see it.
/// </summary>
public sealed class DeliveryReports(IServiceScopeFactory scopes, IEnumerable<IChannelSender> senders, Outbox outbox, TimeProvider time)
{
    /// <summary>How long a failure for an unknown message is worth waiting for: our send is recorded within seconds.</summary>
    public static readonly TimeSpan UnknownFailureWait = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    public async Task<DeliveryOutcome> ReportAsync(string channel, DeliveryNews news, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var row = await db.Outbox.SingleOrDefaultAsync(o => o.Channel == channel && o.ExternalId == news.ExternalId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var at = news.AtUtc ?? now;
        if (row is null)
        {
            // A failure must not be lost to a race with our own bookkeeping; other news can be.
            return news is DeliveryNews.Failed && now - at <= UnknownFailureWait ? new DeliveryOutcome.NotYetKnown() : new DeliveryOutcome.Taken();
        }

        switch (news)
        {
            case DeliveryNews.Reached reached:
                if (row.Reached(reached.Stage, at))
                {
                    await db.SaveChangesAsync(ct);
                }

                return new DeliveryOutcome.Taken();

            case DeliveryNews.Failed when !row.TakesDeliveryFailure:
                return new DeliveryOutcome.Taken(); // delivered after all, or acted on already: a late or repeated report

            case DeliveryNews.Failed failed:
                switch (failed.Outcome)
                {
                    case SendResult.Waiting w:
                        row.ResendAsTemplateOrHoldUndelivered(w.Reason, at, now, HasTemplate(row));
                        break;
                    case SendResult.Transient t:
                        row.RetryUndelivered(t.Reason, at, now + (t.RetryAfter ?? OutboxDispatcher.Backoff(row.Attempts)));
                        break;
                    case SendResult.Permanent p:
                        row.FailUndelivered(p.Reason, at);
                        break;
                    default:
                        throw new ArgumentException($"A delivery failure is Waiting, Transient or Permanent, not {failed.Outcome.GetType().Name}.", nameof(news));
                }

                await db.SaveChangesAsync(ct);
                outbox.Wake();
                return new DeliveryOutcome.Undelivered(row.Id, row.LastError!);

            default:
                throw new ArgumentException($"Unknown delivery news {news.GetType().Name}.", nameof(news));
        }
    }

    private bool HasTemplate(OutboxMessage row) =>
        _senders.GetValueOrDefault(row.Channel) is ITemplateSender templates && templates.HasTemplateFor(Outbox.Read(row));
}
