"""Debian's WordPress as a user installs it, for side-by-side benchmarks: the `wordpress`
package (with its default theme), nginx and php-fpm (Debian's default pool, opcache on),
MariaDB, no page cache. Run as root: it writes one config file under /etc/wordpress.

    apt-get install wordpress wordpress-theme-twentytwentythree nginx php-fpm php-mysql wrk

`WordPress(folder, port).start()` makes the database (`sahifa_bench_wp` and its user, on
MariaDB at 127.0.0.1:3306 as root without a password, or `--mariadb-*`), installs the
blog once, adds posts up to the count asked for (real news text through `corpus.py`,
eight categories), and serves it with its own nginx and php-fpm on the port given.
"""

from __future__ import annotations

import glob
import json
import random
import secrets
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

WORDPRESS = Path("/usr/share/wordpress")
CONFIG_NAME = "sahifa-bench"  # Debian's wp-config.php reads /etc/wordpress/config-<this>.php
CONFIG_FILE = Path(f"/etc/wordpress/config-{CONFIG_NAME}.php")
DATABASE, USER = "sahifa_bench_wp", "sahifa_bench"
CATEGORIES = (
    "World",
    "Uzbekistan",
    "Economy",
    "Sport",
    "Technology",
    "Society",
    "Culture",
    "Health",
)
PACKAGES = "wordpress wordpress-theme-twentytwentythree nginx php-fpm php-mysql"

PHP_SETUP = r"""<?php
$_SERVER['HTTP_HOST'] = $argv[1];
$_SERVER['WORDPRESS_CONFIG'] = '%(config)s';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '%(wordpress)s/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';
if (!is_blog_installed()) {
    wp_install('Bench News', 'admin', 'admin@example.com', true, '', wp_generate_password());
}
update_option('permalink_structure', '/%%postname%%/');
$wanted = intval($argv[2]);
$have = intval(wp_count_posts()->publish);
$categories = array();
foreach (json_decode($argv[3]) as $name) { $categories[] = wp_create_category($name); }
wp_defer_term_counting(true);
$texts = json_decode(file_get_contents($argv[4]), true);
for ($n = $have; $n < $wanted; $n++) {
    $t = $texts[$n %% count($texts)];
    wp_insert_post(array(
        'post_title' => $t['title'], 'post_excerpt' => $t['lead'],
        'post_content' => $t['html'], 'post_status' => 'publish',
        'post_date' => date('Y-m-d H:i:s', time() - ($wanted - $n) * 1800),
        'post_category' => array($categories[$n %% count($categories)]),
    ));
}
wp_defer_term_counting(false);
flush_rewrite_rules(false);
foreach (get_posts(array('numberposts' => -1, 'fields' => 'ids')) as $id) {
    echo parse_url(get_permalink($id), PHP_URL_PATH), "\n";
}
"""

NGINX = """worker_processes auto;
pid %(folder)s/nginx.pid;
error_log %(folder)s/nginx-error.log;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path %(folder)s/tmp; proxy_temp_path %(folder)s/tmp;
    fastcgi_temp_path %(folder)s/tmp; uwsgi_temp_path %(folder)s/tmp; scgi_temp_path %(folder)s/tmp;
    server {
        listen 127.0.0.1:%(port)d;
        root %(wordpress)s;
        index index.php;
        location / { try_files $uri $uri/ /index.php?$args; }
        location ~ ^/wp-content/(.*)$ { alias /var/lib/wordpress/wp-content/$1; }
        location ~ \\.php$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $request_filename;
            fastcgi_param WORDPRESS_CONFIG %(config)s;
            # Debian's fastcgi_params send the host without its port: WordPress would
            # redirect every page to the address with the port, forever.
            fastcgi_param HTTP_HOST $host:$server_port;
            fastcgi_pass unix:%(folder)s/php-fpm.sock;
        }
    }
}
"""

# Debian's default pool (/etc/php/*/fpm/pool.d/www.conf), on a socket of our own.
PHP_FPM = """[global]
pid = %(folder)s/php-fpm.pid
error_log = %(folder)s/php-fpm.log
[bench]
user = www-data
group = www-data
listen = %(folder)s/php-fpm.sock
listen.owner = www-data
listen.group = www-data
listen.mode = 0666
pm = dynamic
pm.max_children = 5
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
"""


def missing() -> list[str]:
    """What this machine lacks to run the WordPress side (empty: nothing)."""
    found = []
    if not (WORDPRESS / "wp-load.php").exists():
        found.append("wordpress")
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        found.append("nginx")
    if not php_fpm():
        found.append("php-fpm")
    if not shutil.which("php"):
        found.append("php-cli")
    if not shutil.which("mysql") and not shutil.which("mariadb"):
        found.append("mariadb-client")
    return found


def php_fpm() -> str | None:
    binaries = sorted(glob.glob("/usr/sbin/php-fpm*"))
    return binaries[-1] if binaries else None


def install_packages() -> None:
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *PACKAGES.split(), "wrk"],
        check=True,
        env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
    )


@dataclass
class MariaDB:
    host: str = "127.0.0.1"
    port: int = 3306
    user: str = "root"
    password: str = ""

    def run(self, sql: str) -> None:
        command = ["mysql", "-h", self.host, "-P", str(self.port), "-u", self.user]
        if self.password:
            command.append(f"-p{self.password}")
        subprocess.run(command, input=sql, text=True, check=True)


@dataclass
class WordPress:
    folder: Path
    port: int
    mariadb: MariaDB = field(default_factory=MariaDB)
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, posts: int) -> list[str]:
        """Set up (once) and serve; the paths of the posts."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "tmp").mkdir(exist_ok=True)
        self.folder.chmod(0o755)
        self._database()
        paths = self._install(posts)
        self._serve()
        return paths

    def _database(self) -> None:
        password_file = self.folder / "db-password"
        if not password_file.exists():
            password_file.write_text(secrets.token_hex(12))
        password = password_file.read_text().strip()
        self.mariadb.run(
            f"CREATE DATABASE IF NOT EXISTS {DATABASE} CHARACTER SET utf8mb4;\n"
            f"CREATE USER IF NOT EXISTS '{USER}'@'%' IDENTIFIED BY '{password}';\n"
            f"ALTER USER '{USER}'@'%' IDENTIFIED BY '{password}';\n"
            f"GRANT ALL ON {DATABASE}.* TO '{USER}'@'%';\n"
        )
        CONFIG_FILE.parent.mkdir(parents=True, exist_ok=True)
        CONFIG_FILE.write_text(
            "<?php\n"
            f"define('DB_NAME', '{DATABASE}');\n"
            f"define('DB_USER', '{USER}');\n"
            f"define('DB_PASSWORD', '{password}');\n"
            f"define('DB_HOST', '{self.mariadb.host}:{self.mariadb.port}');\n"
            f"define('WP_HOME', '{self.base}');\n"
            f"define('WP_SITEURL', '{self.base}');\n"
        )
        CONFIG_FILE.chmod(0o644)

    def _install(self, posts: int) -> list[str]:
        texts = self.folder / "texts.json"
        texts.write_text(json.dumps(news_texts(min(posts, 2000))))
        script = self.folder / "setup.php"
        script.write_text(PHP_SETUP % {"config": CONFIG_NAME, "wordpress": WORDPRESS})
        result = subprocess.run(
            ["php", str(script), f"127.0.0.1:{self.port}", str(posts),
             json.dumps(CATEGORIES), str(texts)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return [line for line in result.stdout.splitlines() if line.startswith("/")]

    def _serve(self) -> None:
        values = {"folder": self.folder, "port": self.port, "wordpress": WORDPRESS,
                  "config": CONFIG_NAME}  # fmt: skip
        (self.folder / "nginx.conf").write_text(NGINX % values)
        (self.folder / "php-fpm.conf").write_text(PHP_FPM % values)
        fpm = php_fpm() or "php-fpm"
        self.processes.append(
            subprocess.Popen([fpm, "-F", "-y", str(self.folder / "php-fpm.conf")])
        )
        self.processes.append(
            subprocess.Popen(
                [
                    "nginx",
                    "-c",
                    str(self.folder / "nginx.conf"),
                    "-p",
                    str(self.folder),
                    "-g",
                    "daemon off;",
                ]
            )  # fmt: skip
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/", timeout=10) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"WordPress did not answer at {self.base}; see {self.folder}")

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()


def news_texts(count: int) -> list[dict[str, str]]:
    """Posts of news length: the English pool of `corpus.py` (real text when there)."""
    from bench.corpus import texts_by_language

    pool = texts_by_language(generated_count=count)["en"]
    random.Random(5).shuffle(pool)
    texts = []
    for n in range(count):
        text = pool[n % len(pool)]
        html = "\n\n".join(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->"
                           for p in text.paragraphs)  # fmt: skip
        texts.append({"title": text.headline, "lead": text.lead, "html": html})
    return texts
