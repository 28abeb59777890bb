using GroupBot.Chat;
using GroupBot.Groups;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Onboarding;

/// <summary>
/// "mulai" / "/start": join a group (or a village, as facilitator) with a code. "mulai K7M4QX"
/// (and Telegram's "/start K7M4QX" link) skips the code question.
/// </summary>
public sealed class StartCommand(OnboardingFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("start", ["mulai", "start", "daftar", "join", "gabung"], Audience.Anyone, "Menu.Start");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var draft = new OnboardingFlow.Draft { Language = turn.Language };
        var known = turn.Caller.Person is not null;
        if (args.Length == 0)
        {
            // Someone we know already has a language and a name: only the code is needed.
            turn.Start(flow, draft, known ? OnboardingFlow.CodeStep : null);
            return;
        }

        var (code, problem) = await OnboardingFlow.FindCodeAsync(turn, args, ct);
        if (code is null)
        {
            turn.Say(problem!);
            turn.Start(flow, draft, OnboardingFlow.CodeStep);
            return;
        }

        draft.CodeId = code.Id;
        draft.CodeKind = code.Kind;
        var next = OnboardingFlow.AfterCode(turn, draft);
        if (next is null)
        {
            await OnboardingFlow.JoinAsync(turn, draft, turn.Caller.Person, ct);
            return;
        }

        turn.Start(flow, draft, next);
    }
}

public sealed class OnboardingFlow : Flow<OnboardingFlow.Draft>
{
    public const string CodeStep = "code";
    public const string NameStep = "name";
    public const string RoleStep = "role";
    public const int MaxNameLength = 60;

    public sealed class Draft
    {
        public string Language { get; set; } = "id";
        public long CodeId { get; set; }
        public JoinCodeKind CodeKind { get; set; }
        public string? Name { get; set; }
        public long? ClaimPersonId { get; set; }
        public MemberRole? Role { get; set; }
    }

    public override string Name => "onboarding";
    public override string FirstStep => "language";
    public override string HelpKey => "Help.Onboarding";

    /// <summary>The step after a good code: a name for someone new, a role for officers, or null to join now.</summary>
    public static string? AfterCode(Turn turn, Draft d) =>
        turn.Caller.Person is null ? NameStep : d.CodeKind == JoinCodeKind.Leader ? RoleStep : null;

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["language"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Join.AskLanguage"), [new Choice("lang:id", "Bahasa Indonesia"), new Choice("lang:en", "English")]);
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var language = LanguageWords.Parse(a.Value);
                if (language is null)
                {
                    return Task.FromResult(Next.Retry(turn.T("Join.LanguageRetry")));
                }

                d.Language = language;
                turn.Language = language;
                return Task.FromResult(Next.GoTo(CodeStep));
            },
        },
        [CodeStep] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Join.AskCode"));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                var (code, problem) = await FindCodeAsync(turn, a.Text, ct);
                if (code is null)
                {
                    return Next.Retry(problem!);
                }

                d.CodeId = code.Id;
                d.CodeKind = code.Kind;
                if (AfterCode(turn, d) is { } next)
                {
                    return Next.GoTo(next);
                }

                await JoinAsync(turn, d, turn.Caller.Person, ct);
                return Next.Done;
            },
        },
        [NameStep] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Join.AskName"));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                var name = Names.Tidy(a.Text);
                if (!Names.IsPlausible(name, MaxNameLength))
                {
                    return Next.Retry(turn.T("Join.NameRetry"));
                }

                d.Name = name;
                // A leader may have added her already (no chat account): offer to take over that entry,
                // but only an entry the code could have made: a member code never claims an officer.
                var code = await turn.Db.JoinCodes.SingleAsync(c => c.Id == d.CodeId, ct);
                var officer = d.CodeKind == JoinCodeKind.Leader;
                var claimable = code.GroupId is null ? null : await turn.Db.Memberships
                    .Where(m => m.GroupId == code.GroupId && m.Person!.Name == name && !m.Person.Identities.Any()
                        && (officer ? m.Role != MemberRole.Member : m.Role == MemberRole.Member))
                    .Select(m => (long?)m.PersonId)
                    .FirstOrDefaultAsync(ct);
                if (claimable is not null)
                {
                    d.ClaimPersonId = claimable;
                    return Next.GoTo("claim");
                }

                if (officer)
                {
                    return Next.GoTo(RoleStep);
                }

                await JoinAsync(turn, d, null, ct);
                return Next.Done;
            },
        },
        ["claim"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Join.Claim", d.Name), [new Choice("claim:yes", turn.T("Button.ThatsMe")), new Choice("claim:no", turn.T("Button.NotMe"))]);
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                var yes = a.Value is "claim:yes" or "ya" or "yes" or "y" or "iya";
                var no = a.Value is "claim:no" or "bukan" or "tidak" or "no" or "n";
                if (!yes && !no)
                {
                    return Next.Retry(turn.T("Join.ClaimRetry"));
                }

                if (no)
                {
                    d.ClaimPersonId = null;
                    if (d.CodeKind == JoinCodeKind.Leader)
                    {
                        return Next.GoTo(RoleStep);
                    }
                }

                var person = yes ? await turn.Db.People.SingleOrDefaultAsync(p => p.Id == d.ClaimPersonId, ct) : null;
                await JoinAsync(turn, d, person, ct);
                return Next.Done;
            },
        },
        [RoleStep] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Join.AskRole"), [.. Roles.Officers.Select(r => new Choice($"role:{r}", turn.T($"Button.Role.{r}")))]);
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                MemberRole? role = a.Value switch
                {
                    "role:Leader" or "ketua" or "leader" => MemberRole.Leader,
                    "role:Treasurer" or "bendahara" or "treasurer" => MemberRole.Treasurer,
                    "role:Secretary" or "sekretaris" or "secretary" or "sekertaris" => MemberRole.Secretary,
                    _ => null,
                };
                if (role is null)
                {
                    return Next.Retry(turn.T("Join.RoleRetry"));
                }

                d.Role = role;
                await JoinAsync(turn, d, turn.Caller.Person, ct);
                return Next.Done;
            },
        },
    };

    internal static async Task<(JoinCode? Code, string? Problem)> FindCodeAsync(Turn turn, string text, CancellationToken ct)
    {
        var typed = JoinCodes.Normalize(text);
        if (typed.Length is < 4 or > 12)
        {
            return (null, turn.T("Join.CodeRetry"));
        }

        var code = await turn.Db.JoinCodes.Include(c => c.Group).SingleOrDefaultAsync(c => c.Code == typed, ct);
        if (code is null)
        {
            return (null, turn.T("Join.CodeUnknown", typed));
        }

        return Problem(turn, code) is { } problem ? (null, problem) : (code, null);
    }

    /// <summary>Why a code cannot be used (now), or null.</summary>
    private static string? Problem(Turn turn, JoinCode code)
    {
        if (code.RevokedUtc is not null)
        {
            return turn.T(code.Kind == JoinCodeKind.Facilitator ? "Join.CodeUsed" : "Join.CodeReplaced");
        }

        return code.Group is { DeletedUtc: not null } ? turn.T("Join.GroupDeleted") : null;
    }

    /// <summary>
    /// Makes the person (new, claimed or existing) a member, officer or facilitator. The code is
    /// checked again here: it may have been replaced or used up while she was answering.
    /// </summary>
    internal static async Task JoinAsync(Turn turn, Draft d, Person? person, CancellationToken ct)
    {
        var db = turn.Db;
        var now = turn.Clock.UtcNow;
        var code = await db.JoinCodes.Include(c => c.Group).Include(c => c.Village).SingleAsync(c => c.Id == d.CodeId, ct);
        if (Problem(turn, code) is { } problem)
        {
            turn.Say(problem);
            return;
        }

        if (person is null)
        {
            person = new Person { Name = d.Name!, Language = d.Language, CreatedUtc = now, ConsentUtc = now };
            db.People.Add(person);
        }
        else if (turn.Caller.Person is null)
        {
            // She was added by a leader; she sees the data notice now.
            person.ConsentUtc ??= now;
            person.Language = d.Language;
        }

        if (turn.Caller.Identity is null)
        {
            db.ChatIdentities.Add(new ChatIdentity { Channel = turn.Message.Channel, Address = turn.Message.SenderId, Person = person, LastInboundUtc = now });
        }

        if (code.Kind == JoinCodeKind.Facilitator)
        {
            await JoinVillageAsync(turn, code, person, ct);
            return;
        }

        var group = code.Group!;
        var role = code.Kind == JoinCodeKind.Leader ? d.Role ?? MemberRole.Leader : MemberRole.Member;
        var membership = person.Id == 0 ? null : await db.Memberships.SingleOrDefaultAsync(m => m.PersonId == person.Id && m.GroupId == group.Id, ct);
        var claimed = turn.Caller.Person is null && membership is not null;
        if (membership is not null && !claimed && (membership.Role == role || role == MemberRole.Member))
        {
            turn.Say(turn.T("Join.AlreadyMember", group.Name));
            return;
        }

        if (membership is null)
        {
            membership = new Membership { Person = person, GroupId = group.Id, Role = role, JoinedUtc = now };
            db.Memberships.Add(membership);
        }
        else if (code.Kind == JoinCodeKind.Leader && !claimed)
        {
            membership.Role = role;
        }

        await db.SaveChangesAsync(ct);
        turn.Audit("join", "membership", membership.Id, $"group {group.Id} as {membership.Role}");
        turn.Say(membership.IsOfficer
                ? turn.T("Join.WelcomeOfficer", person.Name, group.Name, turn.T($"Role.{membership.Role}"))
                : turn.T("Join.Welcome", person.Name, group.Name),
            [new Choice("bantuan", turn.T("Button.Menu"))]);
    }

    private static async Task JoinVillageAsync(Turn turn, JoinCode code, Person person, CancellationToken ct)
    {
        var db = turn.Db;
        code.Revoke(turn.Clock.UtcNow); // facilitator codes are single use
        var villageId = code.VillageId!.Value;
        if (person.Id == 0 || !await db.FacilitatorAssignments.AnyAsync(f => f.PersonId == person.Id && f.VillageId == villageId, ct))
        {
            if (person.Id == 0)
            {
                await db.SaveChangesAsync(ct);
            }

            db.FacilitatorAssignments.Add(new FacilitatorAssignment { PersonId = person.Id, VillageId = villageId, AssignedUtc = turn.Clock.UtcNow });
            await db.SaveChangesAsync(ct);
            turn.Audit("assign-facilitator", "village", villageId, $"person {person.Id}");
        }

        turn.Say(turn.T("Join.WelcomeFacilitator", person.Name, code.Village!.Name), [new Choice("bantuan", turn.T("Button.Menu"))]);
    }
}
