
using GroupBot.People;
using GroupBot.Tests.Support;

namespace GroupBot.Tests.Chat;

public class PermissionTests
{
    private const string Officers = "Maaf, perintah ini hanya untuk pengurus kelompok (ketua, bendahara, sekretaris) atau pendamping.";
    private const string Facilitators = "Maaf, perintah ini hanya untuk pendamping dan admin.";
    private const string Admins = "Maaf, perintah ini hanya untuk admin.";
    private const string NotJoined = "Maaf, Anda belum terdaftar. Ketik mulai lalu masukkan kode kelompok dari ketua Anda.";

    [Fact]
    public async Task Each_role_is_refused_what_it_may_not_do_with_who_can()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "siti", codes.Member, "Siti");
        await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina");

        Assert.Equal(NotJoined, await bot.TextAsync("stranger", "hadir"));
        Assert.Equal(Officers, await bot.TextAsync("siti", "absen"));
        Assert.Equal(Officers, await bot.TextAsync("siti", "anggota tambah Ani"));
        Assert.Equal(Officers, await bot.TextAsync("siti", "/kode"));
        Assert.Equal(Facilitators, await bot.TextAsync("siti", "kelompok baru"));
        Assert.Equal(Facilitators, await bot.TextAsync("rina", "kelompok hapus"));
        Assert.Equal(Admins, await bot.TextAsync("rina", "desa tambah Ampalu"));
        Assert.Equal(Admins, await bot.TextAsync("rina", "pendamping tambah Mungo"));
    }

    [Fact]
    public async Task The_menu_lists_only_what_the_person_may_use()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "siti", codes.Member, "Siti");
        await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina");

        var member = await bot.TextAsync("siti", "help");
        var leader = await bot.TextAsync("rina", "bantuan");

        Assert.Contains("hadir / izin / sakit", member, StringComparison.Ordinal);
        Assert.DoesNotContain("absen", member, StringComparison.Ordinal);
        Assert.Contains("absen", leader, StringComparison.Ordinal);
        Assert.DoesNotContain("desa tambah", leader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_cannot_act_on_a_group_in_another_village()
    {
        await using var bot = await BotHost.StartAsync();
        await Scenario.CreateGroupAsync(bot, village: "Mungo", group: "Melati");
        await Scenario.CreateGroupAsync(bot, village: "Ampalu", group: "Mawar");
        var text = await bot.TextAsync("admin", "pendamping tambah Mungo");
        var code = System.Text.RegularExpressions.Regex.Match(text, @": ([A-Z0-9]{6})\.").Groups[1].Value;
        await Scenario.JoinAsync(bot, "fitri", code, "Fitri");
        var mawarId = await bot.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Groups, g => g.Name == "Mawar"));

        var groups = await bot.TextAsync("fitri", "kelompok");
        var refused = await bot.TextAsync("fitri", $"kode baru #{mawarId.Id}");

        Assert.Contains("Melati", groups, StringComparison.Ordinal);
        Assert.DoesNotContain("Mawar", groups, StringComparison.Ordinal);
        Assert.Equal("Maaf, Anda tidak bisa melakukan itu untuk kelompok tersebut.", refused);
    }

    [Fact]
    public async Task A_group_named_after_a_command_is_that_group_or_refused_never_her_own_instead()
    {
        await using var bot = await BotHost.StartAsync();
        await Scenario.CreateGroupAsync(bot, village: "Mungo", group: "Melati");
        var mawar = await Scenario.CreateGroupAsync(bot, village: "Ampalu", group: "Mawar");
        await Scenario.JoinAsync(bot, "rina", mawar.Leader, "Rina");

        var refused = await bot.TextAsync("rina", "kode baru Melati");
        var codesAfter = await bot.TextAsync("rina", "kode");
        var own = await bot.TextAsync("rina", "kode baru mawar");

        Assert.Equal("Maaf, Anda tidak bisa melakukan itu untuk kelompok tersebut.", refused);
        Assert.Contains(mawar.Member, codesAfter, StringComparison.Ordinal); // her codes were not replaced
        Assert.DoesNotContain(mawar.Member, own, StringComparison.Ordinal); // naming her own group does it
        Assert.Contains("Mawar", own, StringComparison.Ordinal);

        // A woman may share a group's name: adding her is not about that group.
        await bot.TextAsync("rina", "anggota tambah Melati");
        Assert.Equal(1, await bot.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.People, p => p.Name == "Melati")));
    }

    [Fact]
    public async Task English_speakers_get_English_refusals()
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "sam", codes.Member, "Sam", language: "lang:en");

        Assert.Equal("Sorry, this command is only for group officers (leader, treasurer, secretary) or facilitators.", await bot.TextAsync("sam", "ROLLCALL"));
        Assert.Equal("OK, I will use English.", await bot.TextAsync("sam", "language en"));
        Assert.Equal("Baik, saya akan memakai Bahasa Indonesia.", await bot.TextAsync("sam", "bahasa id"));
    }
}
