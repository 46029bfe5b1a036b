using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditViewFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_view_facts",
                columns: table => new
                {
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Container = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Hub = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    // No foreign key to audit_log in the database, though the model has the relationship (so
                    // that EF inserts the entry first and copies its id): on PostgreSQL a referenced table
                    // cannot be truncated, and TRUNCATE must meet audit_log's own append-only trigger.
                    table.PrimaryKey("PK_audit_view_facts", x => x.EntryId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Action_At",
                table: "audit_log",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_view_facts_At",
                table: "audit_view_facts",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_view_facts_Container_At",
                table: "audit_view_facts",
                columns: new[] { "Container", "At" });

            // A fact's container and hub decide a lead: rows cannot be changed in place (deleting them is harmless:
            // the leads then resolve those entries from the audit log, and `db migrate` writes them again).
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_view_facts_no_update BEFORE UPDATE ON audit_view_facts
                BEGIN SELECT RAISE(ABORT, 'audit_view_facts is append-only: rows cannot be updated'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_view_facts");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_Action_At",
                table: "audit_log");
        }
    }
}
