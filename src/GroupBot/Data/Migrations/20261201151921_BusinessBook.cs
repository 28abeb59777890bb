using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GroupBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class BusinessBook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BusinessBooks",
                columns: table => new
                {
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    Keeps = table.Column<bool>(type: "INTEGER", nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessBooks", x => x.GroupId);
                });

            migrationBuilder.CreateTable(
                name: "BusinessReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sales = table.Column<long>(type: "INTEGER", nullable: false),
                    Materials = table.Column<long>(type: "INTEGER", nullable: false),
                    Wages = table.Column<long>(type: "INTEGER", nullable: false),
                    Transport = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherCosts = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitsMade = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitsSold = table.Column<int>(type: "INTEGER", nullable: true),
                    CapitalAdded = table.Column<long>(type: "INTEGER", nullable: false),
                    Receivable = table.Column<long>(type: "INTEGER", nullable: false),
                    Payable = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessReports_GroupId_PeriodKey_Version",
                table: "BusinessReports",
                columns: new[] { "GroupId", "PeriodKey", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BusinessReports_GroupId_PeriodStart",
                table: "BusinessReports",
                columns: new[] { "GroupId", "PeriodStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BusinessBooks");

            migrationBuilder.DropTable(
                name: "BusinessReports");
        }
    }
}
