using System.Globalization;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Business;

/// <summary>One period of a group's business book (its newest version), as the export's business sheet lists it.</summary>
public sealed record BusinessExportRow(string Village, string Group, string Period, DateOnly Start, DateOnly End, BusinessReport Report);

public static class BusinessExport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "village", "group", "period", "period_start", "period_end", "sales", "materials", "wages", "transport", "other_costs", "costs", "profit",
        "margin_percent", "units_made", "units_sold", "capital_added", "receivable", "payable", "version",
    ];

    /// <summary>Every period of these groups' books that starts between the dates, newest version only, by village, group and date.</summary>
    public static async Task<List<BusinessExportRow>> RowsAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var reports = await Books.Newest(db).Where(r => groupIds.Contains(r.GroupId) && r.PeriodStart >= from && r.PeriodStart <= to).ToListAsync(ct);
        var ids = reports.Select(r => r.GroupId).Distinct().ToList();
        var groups = await db.Groups.Where(g => ids.Contains(g.Id)).Select(g => new { g.Id, g.Name, Village = g.Village!.Name }).ToDictionaryAsync(g => g.Id, ct);
        return [.. reports
            .Select(r => new BusinessExportRow(groups[r.GroupId].Village, groups[r.GroupId].Name,
                r.MeetingId is null ? r.PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "meeting", r.PeriodStart, r.PeriodEnd, r))
            .OrderBy(r => r.Village, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Group, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Start)];
    }

    /// <summary>The row's values in <see cref="Columns"/> order: amounts as numbers, dates as yyyy-MM-dd, a missing figure as null.</summary>
    public static IReadOnlyList<object?> Values(BusinessExportRow row)
    {
        var r = row.Report;
        long? margin = r.Sales == 0 ? null : (long)Math.Round(100m * r.Profit / r.Sales, MidpointRounding.AwayFromZero);
        return
        [
            row.Village, row.Group, row.Period, row.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.Sales, r.Materials, r.Wages, r.Transport, r.OtherCosts, r.Costs, r.Profit, margin, (long?)r.UnitsMade, (long?)r.UnitsSold,
            r.CapitalAdded, r.Receivable, r.Payable, (long)r.Version,
        ];
    }
}
