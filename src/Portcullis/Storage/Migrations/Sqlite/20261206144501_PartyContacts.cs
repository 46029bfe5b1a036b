using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartyContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "City",
                table: "parties",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "parties",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "parties",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Postcode",
                table: "parties",
                type: "TEXT",
                maxLength: 17,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Street",
                table: "parties",
                type: "TEXT",
                maxLength: 140,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "City",
                table: "parties");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "parties");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "parties");

            migrationBuilder.DropColumn(
                name: "Postcode",
                table: "parties");

            migrationBuilder.DropColumn(
                name: "Street",
                table: "parties");
        }
    }
}
