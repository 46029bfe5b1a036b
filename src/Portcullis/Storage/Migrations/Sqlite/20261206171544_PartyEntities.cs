using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartyEntities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "party_entities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartyCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_entities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "party_entity_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PartyIds = table.Column<string>(type: "TEXT", nullable: false),
                    OtherPartyIds = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_entity_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "party_entity_links",
                columns: table => new
                {
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    LinkedTo = table.Column<Guid>(type: "TEXT", nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_entity_links", x => x.PartyId);
                });

            migrationBuilder.CreateTable(
                name: "party_resolution_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Parties = table.Column<int>(type: "INTEGER", nullable: false),
                    Entities = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkedParties = table.Column<int>(type: "INTEGER", nullable: false),
                    ComparedPairs = table.Column<long>(type: "INTEGER", nullable: false),
                    Decisions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_resolution_runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_party_entity_links_EntityId",
                table: "party_entity_links",
                column: "EntityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "party_entities");

            migrationBuilder.DropTable(
                name: "party_entity_decisions");

            migrationBuilder.DropTable(
                name: "party_entity_links");

            migrationBuilder.DropTable(
                name: "party_resolution_runs");
        }
    }
}
