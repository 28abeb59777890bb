using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Onboarding;

/// <summary>On WhatsApp the address is the phone number: someone a leader added may be writing for the first time.</summary>
public sealed class RecognizeByPhone(RecognizeFlow flow) : IFirstContact
{
    public async Task<bool> TryStartAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Message.Channel != ChannelNames.WhatsApp)
        {
            return false;
        }

        var candidates = await RecognizeFlow.CandidatesAsync(turn.Db, turn.Message.Channel, turn.Message.SenderId, ct);
        if (candidates.Count == 0)
        {
            return false;
        }

        turn.Start(flow, new RecognizeFlow.Draft { Candidates = candidates });
        return true;
    }
}

/// <summary>
/// A person a leader added with her phone number writes for the first time (WhatsApp, where the
/// address is the number): she is greeted by name and asked to confirm, and needs no code.
/// One phone may be shared in a family: then she picks which of the names she is.
/// </summary>
public sealed class RecognizeFlow : Flow<RecognizeFlow.Draft>
{
    public sealed record Candidate(long PersonId, string Name, string Group);

    public sealed class Draft
    {
        public List<Candidate> Candidates { get; set; } = [];
    }

    public override string Name => "recognize";
    public override string FirstStep => "confirm";
    public override string HelpKey => "Help.Onboarding";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["confirm"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                if (d.Candidates.Count == 1)
                {
                    var c = d.Candidates[0];
                    turn.Say(turn.T("Join.Recognize", c.Name, c.Group), [new Choice($"me:{c.PersonId}", turn.T("Button.ThatsMe")), new Choice("me:none", turn.T("Button.NotMe"))]);
                }
                else
                {
                    turn.Say(turn.T("Join.RecognizeWhich"),
                        [.. d.Candidates.Select(c => new Choice($"me:{c.PersonId}", c.Name)), new Choice("me:none", turn.T("Button.NoneOfThem"))]);
                }

                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                var value = a.Value is "ya" or "yes" or "iya" && d.Candidates.Count == 1 ? $"me:{d.Candidates[0].PersonId}"
                    : a.Value is "bukan" or "tidak" or "no" ? "me:none" : a.Value;
                if (value == "me:none")
                {
                    turn.Say(turn.T("Join.NotRecognized"), [new Choice("mulai", turn.T("Button.Start"))]);
                    return Next.Done;
                }

                var picked = d.Candidates.FirstOrDefault(c => $"me:{c.PersonId}" == value);
                var person = picked is null ? null : await turn.Db.People.SingleOrDefaultAsync(p => p.Id == picked.PersonId, ct);
                if (person is null)
                {
                    return Next.Retry(turn.T("Join.ClaimRetry"));
                }

                person.ConsentUtc ??= turn.Clock.UtcNow;
                turn.Db.ChatIdentities.Add(new ChatIdentity { Channel = turn.Message.Channel, Address = turn.Message.SenderId, Person = person, LastInboundUtc = turn.Clock.UtcNow });
                await turn.Db.SaveChangesAsync(ct);
                turn.Audit("recognized", "person", person.Id, turn.Message.Channel);
                turn.Say(turn.T("Join.Recognized", person.Name, picked!.Group), [new Choice("bantuan", turn.T("Button.Menu"))]);
                return Next.Done;
            },
        },
    };

    /// <summary>People added with this phone number who have no account on this channel yet.</summary>
    public static async Task<List<Candidate>> CandidatesAsync(Data.GroupBotDb db, string channel, string phoneDigits, CancellationToken ct) =>
        (await db.Memberships
            .Where(m => m.Person!.Phone == phoneDigits && !m.Person.Identities.Any(i => i.Channel == channel) && m.Group!.DeletedUtc == null)
            .OrderBy(m => m.PersonId)
            .Select(m => new { m.PersonId, m.Person!.Name, Group = m.Group!.Name })
            .ToListAsync(ct))
        .GroupBy(x => x.PersonId)
        .Select(g => new Candidate(g.Key, g.First().Name, string.Join(", ", g.Select(x => x.Group))))
        .ToList();
}
