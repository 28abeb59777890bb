using GroupBot.Chat;
using GroupBot.Groups;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Data;

/// <summary>
/// The queries every chat step runs, compiled once. A plain LINQ query is hashed and looked up in
/// EF's query cache on every execution; in the load benchmark's profile that lookup was a visible
/// share of each step (docs/BENCHMARKS.md).
/// </summary>
public static class HotQueries
{
    public static readonly Func<GroupBotDb, string, string, CancellationToken, Task<ChatIdentity?>> Identity =
        EF.CompileAsyncQuery((GroupBotDb db, string channel, string address, CancellationToken ct) =>
            db.ChatIdentities.Include(i => i.Person).SingleOrDefault(i => i.Channel == channel && i.Address == address));

    public static readonly Func<GroupBotDb, long, IAsyncEnumerable<Membership>> Memberships =
        EF.CompileAsyncQuery<GroupBotDb, long, Membership>((db, personId) =>
            db.Memberships.Include(x => x.Group).ThenInclude(g => g!.Village)
                .Where(x => x.PersonId == personId && x.Group!.DeletedUtc == null)
                .OrderBy(x => x.Id));

    public static readonly Func<GroupBotDb, long, IAsyncEnumerable<long>> FacilitatorVillages =
        EF.CompileAsyncQuery<GroupBotDb, long, long>((db, personId) =>
            db.FacilitatorAssignments.Where(f => f.PersonId == personId).Select(f => f.VillageId));

    public static readonly Func<GroupBotDb, string, string, string, CancellationToken, Task<Conversation?>> Conversation =
        EF.CompileAsyncQuery((GroupBotDb db, string channel, string chatId, string userId, CancellationToken ct) =>
            db.Conversations.SingleOrDefault(c => c.Channel == channel && c.ChatId == chatId && c.UserId == userId));

    public static readonly Func<GroupBotDb, string, CancellationToken, Task<InboxEntry?>> NextInboxEntry =
        EF.CompileAsyncQuery((GroupBotDb db, string chatKey, CancellationToken ct) =>
            db.Inbox.Where(e => e.ChatKey == chatKey && e.ProcessedUtc == null).OrderBy(e => e.Id).FirstOrDefault());

    public static readonly Func<GroupBotDb, string, string, CancellationToken, Task<bool>> InboxHas =
        EF.CompileAsyncQuery((GroupBotDb db, string channel, string externalId, CancellationToken ct) =>
            db.Inbox.Any(e => e.Channel == channel && e.ExternalId == externalId));
}
