using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Sanctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sanctions_hits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ListVersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FoundAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DismissedHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_hits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sanctions_list_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    RowVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_list_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sanctions_screenings",
                columns: table => new
                {
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Versions = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ScreenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BestScore = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_screenings", x => x.PartyId);
                });

            migrationBuilder.CreateTable(
                name: "sanctions_entries",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_entries", x => new { x.VersionId, x.EntryId });
                    table.ForeignKey(
                        name: "FK_sanctions_entries_sanctions_list_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "sanctions_list_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sanctions_hits_PartyId_Source_EntryId",
                table: "sanctions_hits",
                columns: new[] { "PartyId", "Source", "EntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sanctions_hits_Status",
                table: "sanctions_hits",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_sanctions_list_versions_Source_FileSha256",
                table: "sanctions_list_versions",
                columns: new[] { "Source", "FileSha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sanctions_list_versions_active",
                table: "sanctions_list_versions",
                column: "Source",
                unique: true,
                filter: "\"Active\"");

            migrationBuilder.CreateIndex(
                name: "IX_sanctions_screenings_Versions",
                table: "sanctions_screenings",
                column: "Versions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sanctions_entries");

            migrationBuilder.DropTable(
                name: "sanctions_hits");

            migrationBuilder.DropTable(
                name: "sanctions_screenings");

            migrationBuilder.DropTable(
                name: "sanctions_list_versions");
        }
    }
}
