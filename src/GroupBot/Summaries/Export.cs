using System.Globalization;
using System.Text;
using GroupBot.Attendance;
using GroupBot.Business;
using GroupBot.Data;
using GroupBot.Ledger;
using GroupBot.People;
using GroupBot.Planning;
using Microsoft.EntityFrameworkCore;
using SpreadCheetah;

namespace GroupBot.Summaries;

/// <summary>One exported row: a group's meeting with its newest report and whether minutes exist.</summary>
public sealed record ExportRow(string Village, string Group, DateOnly Date, int Present, int Members,
    long? Savings, long? LoansDisbursed, long? Repayments, long? FinesAndSocial, long? LoansOutstanding, long? CashBalance, int? ReportVersion, bool Minutes);

/// <summary>
/// A sheet of the export besides the meetings: its XLSX tab, its CSV file name (without the date
/// range) and caption, its columns, and its rows as typed values (long stays a number, string text, null empty).
/// </summary>
public sealed record Sheet(string Name, string File, string CaptionKey, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>"ekspor": meetings in a date range as CSV (UTF-8 with a BOM, so Excel opens it) and XLSX.</summary>
public static class Export
{
    public static readonly IReadOnlyList<string> Columns =
        ["village", "group", "meeting_date", "present", "members", "savings", "loans_disbursed", "repayments", "fines_social", "loans_outstanding", "cash_balance", "report_version", "minutes"];

    public static async Task<List<ExportRow>> RowsAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var members = await db.Memberships.Where(m => groupIds.Contains(m.GroupId))
            .GroupBy(m => m.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId) && m.Date >= from && m.Date <= to && m.Status != MeetingStatus.Cancelled
                && (m.Status == MeetingStatus.Held || m.Attendance.Any()))
            .OrderBy(m => m.Group!.Village!.Name).ThenBy(m => m.Group!.Name).ThenBy(m => m.Date)
            .Select(m => new
            {
                m.Id,
                m.GroupId,
                Village = m.Group!.Village!.Name,
                Group = m.Group.Name,
                m.Date,
                Present = m.Attendance.Count(a => a.Status == AttendanceStatus.Present),
                Report = db.Set<Savings.SavingsReport>().Where(r => r.MeetingId == m.Id).OrderByDescending(r => r.Version).FirstOrDefault(),
                Minutes = db.Set<Minutes.MeetingMinutes>().Any(x => x.MeetingId == m.Id),
            })
            .ToListAsync(ct);
        return [.. meetings.Select(m => new ExportRow(m.Village, m.Group, m.Date, m.Present, members.GetValueOrDefault(m.GroupId),
            m.Report?.Savings, m.Report?.LoansDisbursed, m.Report?.Repayments, m.Report?.FinesAndSocial, m.Report?.LoansOutstanding,
            m.Report?.CashBalance, m.Report?.Version, m.Minutes))];
    }

    public static byte[] Csv(IReadOnlyList<ExportRow> rows) => Csv(Columns, rows.Select(Fields));

    /// <summary>A sheet as its own CSV.</summary>
    public static byte[] Csv(Sheet sheet) => Csv(sheet.Columns, sheet.Rows.Select(Text));

    /// <summary>The sheets of the export after the meetings, in order: business books, the member ledger, share-outs, proposals.</summary>
    public static IReadOnlyList<Sheet> Sheets(IReadOnlyList<BusinessExportRow> business, IReadOnlyList<IReadOnlyList<object?>> members,
        IReadOnlyList<IReadOnlyList<object?>> shareOuts, IReadOnlyList<ProposalExportRow> proposals) =>
    [
        new("Usaha", "usaha", "Export.CaptionBusiness", BusinessExport.Columns, [.. business.Select(BusinessExport.Values)]),
        new("Anggota", "anggota", "Export.CaptionMembers", LedgerExport.MemberColumns, members),
        new("Bagi hasil", "bagi-hasil", "Export.CaptionShareOut", LedgerExport.ShareOutColumns, shareOuts),
        new("Usulan", "usulan", "Export.CaptionProposals", ProposalExport.Columns, [.. proposals.Select(ProposalExport.Values)]),
    ];

    /// <summary>Typed values as CSV text: numbers invariant, nothing as empty.</summary>
    private static IEnumerable<string> Text(IReadOnlyList<object?> values) =>
        values.Select(v => v is long n ? n.ToString(CultureInfo.InvariantCulture) : v as string ?? string.Empty);

    private static byte[] Csv(IReadOnlyList<string> columns, IEnumerable<IEnumerable<string>> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns).Append("\r\n");
        foreach (var r in rows)
        {
            sb.AppendJoin(',', r.Select(Quote)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>A workbook: the meetings sheet, then each of <paramref name="sheets"/> (see <see cref="Sheets"/>).</summary>
    public static async Task<byte[]> XlsxAsync(IReadOnlyList<ExportRow> rows, IReadOnlyList<Sheet> sheets, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream, cancellationToken: ct))
        {
            await spreadsheet.StartWorksheetAsync("Pertemuan", token: ct);
            await spreadsheet.AddRowAsync([.. Columns.Select(c => new Cell(c))], ct);
            foreach (var r in rows)
            {
                await spreadsheet.AddRowAsync(
                [
                    new Cell(r.Village), new Cell(r.Group), new Cell(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new Cell(r.Present), new Cell(r.Members), new Cell(r.Savings), new Cell(r.LoansDisbursed), new Cell(r.Repayments),
                    new Cell(r.FinesAndSocial), new Cell(r.LoansOutstanding), new Cell(r.CashBalance), new Cell(r.ReportVersion), new Cell(r.Minutes ? "ya" : "tidak"),
                ], ct);
            }

            foreach (var sheet in sheets)
            {
                await SheetAsync(spreadsheet, sheet.Name, sheet.Columns, sheet.Rows, ct);
            }

            await spreadsheet.FinishAsync(ct);
        }

        return stream.ToArray();
    }

    private static async Task SheetAsync(Spreadsheet spreadsheet, string name, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct)
    {
        await spreadsheet.StartWorksheetAsync(name, token: ct);
        await spreadsheet.AddRowAsync([.. columns.Select(c => new Cell(c))], ct);
        foreach (var values in rows)
        {
            // Numbers stay numbers, so the amounts can be summed in Excel.
            await spreadsheet.AddRowAsync([.. values.Select(v => v is long n ? new Cell(n) : new Cell(v as string ?? string.Empty))], ct);
        }
    }

    private static IReadOnlyList<string> Fields(ExportRow r) =>
    [
        r.Village, r.Group, r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(r.Present), N(r.Members), N(r.Savings), N(r.LoansDisbursed),
        N(r.Repayments), N(r.FinesAndSocial), N(r.LoansOutstanding), N(r.CashBalance), N(r.ReportVersion), r.Minutes ? "ya" : "tidak",
    ];

    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    /// <summary>The calendar quarter containing <paramref name="day"/>.</summary>
    public static (DateOnly From, DateOnly To) Quarter(DateOnly day)
    {
        var first = new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);
        return (first, first.AddMonths(3).AddDays(-1));
    }
}
