#!/usr/bin/env bash
# `make backup`: a pg_dump custom-format archive of the database plus the media folders (the
# private one holds issued certificate PDFs and, by default, the Open Badges keys), in
# backups/<UTC time>/. `make restore BACKUP=backups/<time>`: loads it into a new database and new
# folders, then checks that every certificate's PDF is unchanged (manage.py check_certificates).
# The environment defaults to make stack's (.stack/env); set DATABASE_URL, MEDIA_ROOT and
# PRIVATE_MEDIA_ROOT to back up another installation.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ -z "${DATABASE_URL:-}" ] && [ -s .stack/env ]; then
  set -a; . .stack/env; set +a
  export SECRET_KEY; SECRET_KEY=$(cat .stack/secret-key)  # the restore's migrate and check
fi
: "${DATABASE_URL:?Set DATABASE_URL (postgres://...), or start make stack first}"
: "${PRIVATE_MEDIA_ROOT:?Set PRIVATE_MEDIA_ROOT}" "${MEDIA_ROOT:?Set MEDIA_ROOT}"

case "${1:-}" in
backup)
  target=backups/$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$target"
  pg_dump --format=custom --no-owner --file "$target/db.dump" "$DATABASE_URL"
  tar -C "$(dirname "$MEDIA_ROOT")" -czf "$target/media.tar.gz" "$(basename "$MEDIA_ROOT")"
  tar -C "$(dirname "$PRIVATE_MEDIA_ROOT")" -czf "$target/private-media.tar.gz" "$(basename "$PRIVATE_MEDIA_ROOT")"
  echo "Backup written to $target: $(du -sh "$target" | cut -f1)"
  ;;
restore)
  source_dir=${BACKUP:?Name the backup: make restore BACKUP=backups/<time>}
  [ -s "$source_dir/db.dump" ] || { echo "$source_dir/db.dump is missing" >&2; exit 1; }
  stamp=$(date -u +%Y%m%d%H%M%S)
  base=${DATABASE_URL%/*}
  new_db="restored_$stamp"
  folder=$ROOT/restored/$stamp
  mkdir -p "$folder"
  createdb --maintenance-db="$DATABASE_URL" "$new_db"
  pg_restore --no-owner --exit-on-error --dbname "$base/$new_db" "$source_dir/db.dump"
  tar -C "$folder" -xzf "$source_dir/media.tar.gz"
  tar -C "$folder" -xzf "$source_dir/private-media.tar.gz"
  export DATABASE_URL="$base/$new_db"
  export MEDIA_ROOT="$folder/$(tar -tzf "$source_dir/media.tar.gz" | head -1 | cut -d/ -f1)"
  export PRIVATE_MEDIA_ROOT="$folder/$(tar -tzf "$source_dir/private-media.tar.gz" | head -1 | cut -d/ -f1)"
  .venv/bin/python manage.py migrate --noinput >/dev/null
  .venv/bin/python manage.py check_certificates
  echo "Restored into database $new_db and $folder"
  echo "  DATABASE_URL=$DATABASE_URL MEDIA_ROOT=$MEDIA_ROOT PRIVATE_MEDIA_ROOT=$PRIVATE_MEDIA_ROOT"
  ;;
*) echo "usage: deploy/backup.sh backup|restore" >&2; exit 2 ;;
esac
