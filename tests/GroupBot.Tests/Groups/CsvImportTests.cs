using GroupBot.Groups;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Groups;

public sealed class CsvImportTests
{
    private static async Task<CsvImporter.Result> ImportAsync(BotHost bot, string file)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var importer = ActivatorUtilities.CreateInstance<CsvImporter>(scope.ServiceProvider);
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "testdata", file));
        return await importer.ImportAsync(reader, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_good_file_creates_villages_groups_and_members_with_codes()
    {
        await using var bot = await BotHost.StartAsync();

        var result = await ImportAsync(bot, "import-good.csv");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal((3, 2, 4), (result.Villages, result.Groups, result.Members));
        var members = await bot.DbAsync(db => db.Memberships.Include(m => m.Person).Include(m => m.Group)
            .OrderBy(m => m.Id).Select(m => new { m.Group!.Name, Person = m.Person!.Name, m.Person.Phone, m.Role }).ToListAsync());
        Assert.Equal(
            [("Melati", "Siti Aminah", "6281234567890", MemberRole.Leader), ("Melati", "Ani", null, MemberRole.Member),
             ("Melati", "Wati, Bu", "6281311112222", MemberRole.Treasurer), ("Mawar", "Rosna", null, MemberRole.Member)],
            members.Select(m => (m.Name, m.Person, m.Phone, m.Role)));
        var mawar = await bot.DbAsync(db => db.Groups.SingleAsync(g => g.Name == "Mawar"));
        Assert.Equal((GroupKind.Religious, DayOfWeek.Thursday, new TimeOnly(14, 0)), (mawar.Kind, mawar.MeetingDay, mawar.MeetingTime));
        Assert.Equal(2, result.NewGroupCodes.Count);
        Assert.Equal(4, await bot.DbAsync(db => db.JoinCodes.CountAsync()));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_the_second_time()
    {
        await using var bot = await BotHost.StartAsync();
        await ImportAsync(bot, "import-good.csv");

        var again = await ImportAsync(bot, "import-good.csv");

        Assert.True(again.Ok);
        Assert.Equal((0, 0, 0, 4), (again.Villages, again.Groups, again.Members, again.Skipped));
        Assert.Equal(4, await bot.DbAsync(db => db.Memberships.CountAsync()));
    }

    [Fact]
    public async Task A_file_with_bad_rows_reports_each_by_line_and_imports_nothing()
    {
        await using var bot = await BotHost.StartAsync();

        var result = await ImportAsync(bot, "import-bad.csv");

        Assert.False(result.Ok);
        Assert.Equal(
            [
                "line 3: kind 'arisan' is not one of: simpan pinjam, pengajian, usaha, lainnya",
                "line 4: meeting_day 'Funday' is not a weekday (example: Jumat)",
                "line 5: meeting_time '25.00' is not a time (example: 14.00)",
                "line 6: member_phone '0812' is not an Indonesian mobile number (example: 0812 3456 7890)",
                "line 7: role 'bos' is not one of: anggota, ketua, bendahara, sekretaris",
                "line 8: village '' is not a name (example: Mungo)",
            ],
            result.Errors);
        Assert.Equal(0, await bot.DbAsync(db => db.Villages.CountAsync()));
        Assert.Equal(0, await bot.DbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public void Quoted_fields_keep_separators_quotes_and_line_breaks()
    {
        var records = CsvReader.Read("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\nlast,row");

        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.Equal(["x, y", "say \"hi\"\nthere"], records[1].Fields);
        Assert.Equal(["last", "row"], records[2].Fields);
    }
}
