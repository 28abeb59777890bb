using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Onboarding;

public class OnboardingTests
{
    [Fact]
    public async Task Admin_sets_up_a_group_and_two_members_and_a_leader_join()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);

        var siti = await Scenario.JoinAsync(bot, "siti", codes.Member, "siti aminah");
        var ani = await Scenario.JoinAsync(bot, "ani", codes.Member.ToLowerInvariant(), "Ani");
        var rina = await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina");

        Assert.Equal("Selamat bergabung, Siti Aminah! Anda sekarang anggota kelompok Melati. Saat pertemuan, ketik hadir.", siti);
        Assert.Equal("Selamat bergabung, Ani! Anda sekarang anggota kelompok Melati. Saat pertemuan, ketik hadir.", ani);
        Assert.Equal("Selamat bergabung, Rina! Anda sekarang ketua kelompok Melati. Ketik bantuan untuk melihat menu pengurus.", rina);
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

    [Fact]
    public async Task A_member_code_cannot_claim_an_officer_added_without_a_phone()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await bot.DbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync();
            db.Memberships.Add(new Membership { Group = group, Role = MemberRole.Leader, Person = new GroupBot.People.Person { Name = "Rina Wati" } });
            return await db.SaveChangesAsync();
        });

        await bot.SayAsync("eve", "mulai");
        await bot.ChooseAsync("eve", "lang:id");
        await bot.SayAsync("eve", codes.Member);
        var joined = await bot.TextAsync("eve", "Rina Wati");

        Assert.Equal("Selamat bergabung, Rina Wati! Anda sekarang anggota kelompok Melati. Saat pertemuan, ketik hadir.", joined);
        var roles = await bot.DbAsync(db => db.Memberships.Where(m => m.Person!.Identities.Any(i => i.Address == "eve")).Select(m => m.Role).ToListAsync());
        Assert.Equal([MemberRole.Member], roles);
    }

    [Fact]
    public async Task A_code_replaced_while_someone_is_answering_no_longer_lets_her_in()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await bot.SayAsync("siti", "mulai");
        await bot.ChooseAsync("siti", "lang:id");
        await bot.SayAsync("siti", codes.Member);

        await bot.SayAsync("admin", "kode baru");
        var reply = await bot.TextAsync("siti", "Siti");

        Assert.Equal("Kode itu sudah diganti. Minta kode yang baru ke ketua kelompok Anda.", reply);
        Assert.Equal(0, await bot.DbAsync(db => db.Memberships.CountAsync()));
    }

    [Fact]
    public async Task A_facilitator_code_can_be_used_only_once_even_by_two_people_at_once()
    {
        await using var bot = await BotHost.StartAsync();
        await Scenario.CreateGroupAsync(bot);
        var text = await bot.TextAsync("admin", "pendamping tambah Mungo");
        var code = System.Text.RegularExpressions.Regex.Match(text, @": ([A-Z0-9]{6})\.").Groups[1].Value;
        foreach (var user in new[] { "fitri", "dewi" })
        {
            await bot.SayAsync(user, "mulai");
            await bot.ChooseAsync(user, "lang:id");
            await bot.SayAsync(user, code);
        }

        var first = await bot.TextAsync("fitri", "Fitri");
        var second = await bot.TextAsync("dewi", "Dewi");

        Assert.StartsWith("Selamat bergabung, Fitri!", first);
        Assert.Equal("Kode pendamping itu sudah dipakai. Minta kode baru ke admin.", second);
        Assert.Equal(1, await bot.DbAsync(db => db.FacilitatorAssignments.CountAsync()));
    }

    [Fact]
    public async Task An_officer_code_asks_for_the_role()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);

        var welcome = await Scenario.JoinAsync(bot, "nur", codes.Leader, "Nur", role: "role:Treasurer");
        var members = await bot.TextAsync("admin", "anggota");

        Assert.Equal("Selamat bergabung, Nur! Anda sekarang bendahara kelompok Melati. Ketik bantuan untuk melihat menu pengurus.", welcome);
        Assert.Contains("• Nur (bendahara)", members, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mulai_with_the_code_skips_the_code_question()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);

        var ask = await bot.TextAsync("siti", $"/start {codes.Member}");
        var joined = await bot.TextAsync("siti", "Siti");

        Assert.StartsWith("Siapa nama Anda?", ask);
        Assert.StartsWith("Selamat bergabung, Siti!", joined);
    }

    [Fact]
    public async Task Adding_a_member_by_phone_never_reveals_or_reuses_someone_else()
    {
        await using var bot = await BotHost.StartAsync();
        var melati = await Scenario.CreateGroupAsync(bot);
        var mawar = await Scenario.CreateGroupAsync(bot, group: "Mawar");
        await Scenario.JoinAsync(bot, "rina", melati.Leader, "Rina");
        await Scenario.JoinAsync(bot, "ida", mawar.Leader, "Ida");
        await bot.SayAsync("rina", "anggota tambah Siti Aminah 0812 3456 7890");

        var added = await bot.TextAsync("ida", "anggota tambah Bu X 0812-3456-7890");

        Assert.Equal("Bu X (081234567890) sudah ditambahkan ke Mawar. Sekarang ada 2 anggota.", added);
        Assert.DoesNotContain("Siti", added, StringComparison.Ordinal);
        Assert.Equal(2, await bot.DbAsync(db => db.People.CountAsync(p => p.Phone == "6281234567890")));
    }
}
