using System.Text.Json;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroupBot.Chat;

/// <summary>
/// A feature's say over a message from someone the directory does not know, before the router
/// reads it (outside a flow). It may start a flow and return true; false leaves it to the router.
/// </summary>
public interface IFirstContact
{
    Task<bool> TryStartAsync(Turn turn, CancellationToken ct);
}

/// <summary>
/// The state machine per (channel, chat, user). Outside a flow, text goes to the router. Inside a
/// flow, the global words (batal, kembali, bantuan) are handled here and everything else is the
/// answer to the current step. A wrong answer re-asks with one sentence and keeps the draft.
/// </summary>
public sealed class ConversationEngine(Router router, IEnumerable<IFlow> flows, IOptions<GroupBotOptions> options, IEnumerable<IFirstContact> firstContacts)
{
    /// <summary>How many steps "kembali" can go back (a roll call of a large group is the longest flow).</summary>
    private const int MaxHistory = 60;

    private readonly IFirstContact[] _firstContacts = [.. firstContacts];
    private readonly Dictionary<string, IFlow> _flows = flows.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public async Task HandleAsync(Turn turn, CancellationToken ct)
    {
        var m = turn.Message;
        var db = turn.Db;
        var conversation = await db.Conversations.SingleOrDefaultAsync(
            c => c.Channel == m.Channel && c.ChatId == m.ChatId && c.UserId == m.SenderId, ct);

        if (conversation is not null && (conversation.ExpiresUtc <= turn.Clock.UtcNow || !_flows.ContainsKey(conversation.Flow)))
        {
            db.Conversations.Remove(conversation);
            turn.Language = conversation.Language;
            turn.Say(turn.T("Flow.Expired"));
            conversation = null;
        }

        if (m.Unsupported)
        {
            // Nothing to read: say so, and leave any conversation exactly where it was.
            turn.Language = conversation?.Language ?? turn.Language;
            turn.Say(turn.T("Input.Unsupported"));
        }
        else if (conversation is null)
        {
            await HandleOutsideFlowAsync(turn, ct);
        }
        else
        {
            await HandleInFlowAsync(turn, conversation, ct);
        }

        if (turn.PendingStart is { } start)
        {
            await StartAsync(turn, start.Flow, start.Draft, start.Step, ct);
        }
    }

    private async Task HandleOutsideFlowAsync(Turn turn, CancellationToken ct)
    {
        var m = turn.Message;
        if (turn.Caller.Person is null)
        {
            foreach (var firstContact in _firstContacts)
            {
                if (await firstContact.TryStartAsync(turn, ct))
                {
                    return;
                }
            }
        }

        if (m.ChoiceId is { } choice)
        {
            // Menu buttons carry a command word; a button from a finished flow ("step:value") is stale.
            if (choice.Contains(':', StringComparison.Ordinal))
            {
                turn.Say(turn.T("Flow.StaleButton"));
                return;
            }

            await router.DispatchAsync(turn, choice, ct);
            return;
        }

        if (m.IsGroupChat)
        {
            // There the bot also sees replies to its own messages ("👍"): only commands are answered, the
            // router leaves the rest to the people in the group, so no "empty" or "not understood" here.
            await router.DispatchAsync(turn, Words.Clean(m.Text), ct);
            return;
        }

        if (m.Text is { Length: > Words.MaxAnswerLength })
        {
            turn.Say(turn.T("Input.TooLong"));
            return;
        }

        var text = Words.Clean(m.Text);
        if (text.Length == 0)
        {
            turn.Say(turn.T(m.Photo is null ? "Input.Empty" : "Input.PhotoOutsideFlow"));
            return;
        }

        if (Words.HasNoWords(text))
        {
            turn.Say(turn.T(turn.Caller.Person is null ? "Unknown.NotJoined" : "Unknown.Command"));
            return;
        }

        await router.DispatchAsync(turn, text, ct);
    }

    private async Task HandleInFlowAsync(Turn turn, Conversation conversation, CancellationToken ct)
    {
        var m = turn.Message;
        var flow = _flows[conversation.Flow];
        turn.Language = conversation.Language;

        if (m.ChoiceId is null && m.Photo is null)
        {
            if (m.Text is { Length: > Words.MaxAnswerLength })
            {
                turn.Say(turn.T("Input.TooLongInFlow"));
                Touch(turn, conversation);
                return;
            }

            if (Words.Clean(m.Text).Length == 0)
            {
                turn.Say(turn.T("Input.EmptyInFlow"));
                Touch(turn, conversation);
                return;
            }
        }

        // Buttons may carry a global word too (a [Batal] button).
        var global = GlobalWords.Match(m.ChoiceId ?? m.Text);
        switch (global)
        {
            case GlobalWord.Cancel:
                turn.Db.Conversations.Remove(conversation);
                turn.Say(turn.T("Flow.Cancelled"));
                return;

            case GlobalWord.Back:
                var history = ReadHistory(conversation);
                if (history.Count == 0)
                {
                    turn.Say(turn.T("Flow.AtStart"));
                }
                else
                {
                    // Back restores the step and the draft as they were when that step was asked.
                    var previous = history[^1];
                    history.RemoveAt(history.Count - 1);
                    conversation.Step = previous.Step;
                    conversation.DraftJson = previous.Draft;
                    conversation.HistoryJson = JsonSerializer.Serialize(history);
                }

                Touch(turn, conversation);
                await flow.AskAsync(turn, conversation.Step, conversation.DraftJson, ct);
                return;

            case GlobalWord.Help:
                turn.Say($"{turn.T(flow.HelpKey)} {turn.T("Flow.HelpFooter")}");
                Touch(turn, conversation);
                await flow.AskAsync(turn, conversation.Step, conversation.DraftJson, ct);
                return;
        }

        var answer = new Answer(Words.Clean(m.Text), m.ChoiceId) { Photo = m.Photo };
        var (next, draft) = await flow.AnswerAsync(turn, conversation.Step, conversation.DraftJson, answer, ct);
        switch (next.Kind)
        {
            case NextKind.Retry:
                turn.Say(next.Message!, next.Choices);
                conversation.DraftJson = draft;
                Touch(turn, conversation);
                break;

            case NextKind.GoTo:
                var history = ReadHistory(conversation);
                history.Add(new HistoryEntry(conversation.Step, conversation.DraftJson));
                if (history.Count > MaxHistory)
                {
                    history.RemoveAt(0);
                }

                conversation.HistoryJson = JsonSerializer.Serialize(history);
                conversation.Step = next.Step!;
                conversation.DraftJson = draft;
                conversation.Language = turn.Language;
                Touch(turn, conversation);
                await flow.AskAsync(turn, next.Step!, draft, ct);
                break;

            default:
                turn.Db.Conversations.Remove(conversation);
                break;
        }
    }

    private async Task StartAsync(Turn turn, IFlow flow, object draft, string? step, CancellationToken ct)
    {
        var m = turn.Message;
        var db = turn.Db;
        var existing = db.Conversations.Local.FirstOrDefault(c => c.Channel == m.Channel && c.ChatId == m.ChatId && c.UserId == m.SenderId
                && db.Entry(c).State != EntityState.Deleted)
            ?? await db.Conversations.SingleOrDefaultAsync(c => c.Channel == m.Channel && c.ChatId == m.ChatId && c.UserId == m.SenderId, ct);
        var conversation = existing ?? new Conversation
        {
            Channel = m.Channel,
            ChatId = m.ChatId,
            UserId = m.SenderId,
            Flow = flow.Name,
            Step = flow.FirstStep,
            StartedUtc = turn.Clock.UtcNow,
        };
        if (existing is null)
        {
            db.Conversations.Add(conversation);
        }
        else if (db.Entry(existing).State == EntityState.Deleted)
        {
            db.Entry(existing).State = EntityState.Modified;
        }

        conversation.Flow = flow.Name;
        conversation.Step = step ?? flow.FirstStep;
        conversation.DraftJson = flow.Serialize(draft);
        conversation.HistoryJson = "[]";
        conversation.Language = turn.Language;
        conversation.StartedUtc = turn.Clock.UtcNow;
        Touch(turn, conversation);
        await flow.AskAsync(turn, conversation.Step, conversation.DraftJson, ct);
    }

    private void Touch(Turn turn, Conversation conversation)
    {
        conversation.UpdatedUtc = turn.Clock.UtcNow;
        conversation.ExpiresUtc = turn.Clock.UtcNow + options.Value.ConversationTimeout;
    }

    private static List<HistoryEntry> ReadHistory(Conversation c) =>
        JsonSerializer.Deserialize<List<HistoryEntry>>(c.HistoryJson) ?? [];

    private sealed record HistoryEntry(string Step, string Draft);
}
