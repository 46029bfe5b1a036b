using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EntryId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ListVersionId = table.Column<long>(type: "bigint", nullable: false),
                    EntryName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FoundAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DismissedHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_hits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sanctions_list_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    RowVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_list_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sanctions_screenings",
                columns: table => new
                {
                    PartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Versions = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScreenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BestScore = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_screenings", x => x.PartyId);
                });

            migrationBuilder.CreateTable(
                name: "sanctions_entries",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    EntryId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
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
