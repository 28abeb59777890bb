using GroupBot.Groups;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Groups;

public sealed class OnboardingTests
{
    [Fact]
    public async Task Admin_sets_up_a_group_and_two_members_and_a_leader_join()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);

        var siti = await Scenario.JoinAsync(bot, "siti", codes.Member, "siti aminah");
        var ani = await Scenario.JoinAsync(bot, "ani", codes.Member.ToLowerInvariant(), "Ani");
        var rina = await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina");

        Assert.Contains("Selamat bergabung, Siti Aminah", siti);
        Assert.Contains("Melati", ani);
        Assert.Contains("pengurus kelompok Melati", rina);
        var roles = await bot.DbAsync(db => db.Memberships.Include(m => m.Person).OrderBy(m => m.Id)
            .Select(m => new { m.Person!.Name, m.Role }).ToListAsync());
        Assert.Equal([("Siti Aminah", MemberRole.Member), ("Ani", MemberRole.Member), ("Rina", MemberRole.Leader)],
            roles.Select(r => (r.Name, r.Role)));
        var consented = await bot.DbAsync(db => db.People.CountAsync(p => p.ConsentUtc != null && p.Name != "admin"));
        Assert.Equal(3, consented);
    }

    [Fact]
    public async Task The_name_question_says_what_is_kept_and_why()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await bot.SayAsync("siti", "mulai");
        await bot.ChooseAsync("siti", "lang:id");

        var ask = await bot.TextAsync("siti", codes.Member);

        Assert.Contains("Siapa nama Anda?", ask);
        Assert.Contains("hanya untuk catatan kelompok", ask);
    }

    [Fact]
    public async Task A_wrong_code_is_asked_again_with_an_example_and_the_language_is_kept()
    {
        await using var bot = await BotHost.StartAsync();
        await Scenario.CreateGroupAsync(bot);
        await bot.SayAsync("sam", "/START");
        await bot.ChooseAsync("sam", "lang:en");

        var reply = await bot.TextAsync("sam", "XXXXXX");

        Assert.Equal("Code XXXXXX was not found. Please check it, for example: K7M4QX", reply);
        var step = await bot.DbAsync(db => db.Conversations.Select(c => c.Step).SingleAsync());
        Assert.Equal("code", step);
    }

    [Fact]
    public async Task An_old_code_after_regeneration_is_refused_and_the_new_one_works()
    {
        await using var bot = await BotHost.StartAsync();
        var old = await Scenario.CreateGroupAsync(bot);
        var renewed = Scenario.Codes(await bot.TextAsync("admin", "kode baru"));
        Assert.NotEqual(old.Member, renewed.Member);

        await bot.SayAsync("siti", "mulai");
        await bot.ChooseAsync("siti", "lang:id");
        var refused = await bot.TextAsync("siti", old.Member);
        var accepted = await bot.TextAsync("siti", renewed.Member);

        Assert.Equal("Kode itu sudah diganti. Minta kode yang baru ke ketua kelompok Anda.", refused);
        Assert.StartsWith("Siapa nama Anda?", accepted);
    }

    [Fact]
    public async Task A_code_of_a_deleted_group_is_refused_politely()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        var confirm = await bot.SayAsync("admin", "kelompok hapus");
        await bot.ChooseAsync("admin", confirm[0].Choice("Ya, hapus"));

        await bot.SayAsync("siti", "mulai");
        await bot.ChooseAsync("siti", "lang:id");
        var reply = await bot.TextAsync("siti", codes.Member);

        Assert.Equal("Kelompok itu sudah tidak aktif. Hubungi pendamping Anda untuk kode yang lain.", reply);
        Assert.Equal(0, await bot.DbAsync(db => db.Memberships.CountAsync()));
    }

    [Fact]
    public async Task A_member_added_by_the_leader_claims_her_entry_when_she_joins()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina");
        Assert.Contains("Siti Aminah sudah ditambahkan ke Melati", await bot.TextAsync("rina", "anggota tambah Siti Aminah"));

        await bot.SayAsync("siti", "mulai");
        await bot.ChooseAsync("siti", "lang:id");
        await bot.SayAsync("siti", codes.Member);
        var ask = await bot.SayAsync("siti", "Siti Aminah");
        var joined = await bot.ChooseAsync("siti", ask[0].Choice("Ya, itu saya"));

        Assert.Contains("Selamat bergabung, Siti Aminah", joined[0].Text);
        Assert.Equal(2, await bot.DbAsync(db => db.People.CountAsync(p => p.Name != "admin")));
        Assert.Equal(1, await bot.DbAsync(db => db.ChatIdentities.CountAsync(i => i.Address == "siti")));
    }

    [Fact]
    public async Task A_facilitator_joins_with_a_single_use_code_and_sees_her_village()
    {
        await using var bot = await BotHost.StartAsync();
        await Scenario.CreateGroupAsync(bot);
        var text = await bot.TextAsync("admin", "pendamping tambah Mungo");
        var code = System.Text.RegularExpressions.Regex.Match(text, @": ([A-Z0-9]{6})\.").Groups[1].Value;

        var welcome = await Scenario.JoinAsync(bot, "fitri", code, "Fitri");
        await bot.SayAsync("dewi", "mulai");
        await bot.ChooseAsync("dewi", "lang:id");
        var again = await bot.TextAsync("dewi", code);
        var villages = await bot.TextAsync("fitri", "desa");

        Assert.Contains("pendamping untuk Mungo", welcome);
        Assert.Equal("Kode pendamping itu sudah dipakai. Minta kode baru ke admin.", again);
        Assert.Contains("Mungo – 1 kelompok", villages);
    }
}
