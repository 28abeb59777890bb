using GroupBot.People;

namespace GroupBot.Tests.People;

/// <summary>"hapus data" on a plain person: her data goes once; the row stays.</summary>
public sealed class PersonLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Erasing_her_data_leaves_an_anonymous_row_and_is_not_done_twice()
    {
        var person = new Person { Name = "Siti Aminah", Phone = "6281234567890", ConsentUtc = Now };

        person.ErasePersonalData("(data dihapus)", Now.AddDays(1));

        Assert.Equal(("(data dihapus)", (string?)null, (DateTime?)null, (DateTime?)Now.AddDays(1)), (person.Name, person.Phone, person.ConsentUtc, person.DeletedUtc));
        Assert.Contains("from Deleted to Deleted", Assert.Throws<InvalidOperationException>(() => person.ErasePersonalData("x", Now.AddDays(2))).Message, StringComparison.Ordinal);
        Assert.Equal("(data dihapus)", person.Name);
    }
}
