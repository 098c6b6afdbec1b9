<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>Accessible</name>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>in favourites</source>
        <translation>в избранном</translation>
    </message>
    <message>
        <source>in the list %1</source>
        <translation>в списке «%1»</translation>
    </message>
</context>
<context>
    <name>AccountEntry</name>
    <message>
        <source>Sign in to AniLibria</source>
        <translation>Войти в AniLibria</translation>
    </message>
    <message>
        <source>Signed in to AniLibria</source>
        <translation>Вы вошли в AniLibria</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>The session expired — sign in again.</source>
        <translation>Сессия истекла — войдите снова.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
</context>
<context>
    <name>Announcements</name>
    <message>
        <source>There is no system tray here: closing the window quits Libria, and new episodes are announced while it is open.</source>
        <translation>Системного трея здесь нет: закрытие окна завершает Libria, а о новых сериях она сообщает, пока окно открыто.</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
</context>
<context>
    <name>ContinueShelf</name>
    <message>
        <source>next episode</source>
        <translation>следующая серия</translation>
    </message>
    <message>
        <source>stopped at %1 of %2</source>
        <translation>остановлено на %1 из %2</translation>
    </message>
    <message>
        <source>Continue watching</source>
        <translation>Продолжить просмотр</translation>
    </message>
    <message>
        <source>Enter: resume</source>
        <translation>Enter: продолжить просмотр</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Libria keeps running. The details are in the log.</source>
        <translation>Libria продолжает работать. Подробности — в журнале.</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Что-то пошло не так: %1</translation>
    </message>
</context>
<context>
    <name>DownloadFields</name>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Выбрать папку для загрузок</translation>
    </message>
    <message>
        <source>Same as for watching</source>
        <translation>Как при просмотре</translation>
    </message>
    <message>
        <source>Full HD (1080p)</source>
        <translation>Full HD (1080p)</translation>
    </message>
    <message>
        <source>HD (720p)</source>
        <translation>HD (720p)</translation>
    </message>
    <message>
        <source>SD (480p)</source>
        <translation>SD (480p)</translation>
    </message>
    <message>
        <source>Download new episodes of favourites automatically</source>
        <translation>Скачивать новые серии избранного автоматически</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Папка для загрузок</translation>
    </message>
    <message>
        <source>Download quality</source>
        <translation>Качество загрузок</translation>
    </message>
</context>
<context>
    <name>DownloadPlurals</name>
    <message numerus="yes">
        <source>Download finished: %n episode(s)</source>
        <translation>
            <numerusform>Загрузка завершена: %n серия</numerusform>
            <numerusform>Загрузка завершена: %n серии</numerusform>
            <numerusform>Загрузка завершена: %n серий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Download failed: %n episode(s)</source>
        <translation>
            <numerusform>Не удалось скачать: %n серия</numerusform>
            <numerusform>Не удалось скачать: %n серии</numerusform>
            <numerusform>Не удалось скачать: %n серий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>с ошибкой: %n</numerusform>
            <numerusform>с ошибкой: %n</numerusform>
            <numerusform>с ошибкой: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s) added to downloads</source>
        <translation>
            <numerusform>В загрузки добавлена %n серия</numerusform>
            <numerusform>В загрузки добавлены %n серии</numerusform>
            <numerusform>В загрузки добавлено %n серий</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>Title</source>
        <translation>Тайтл</translation>
    </message>
    <message>
        <source>Episode</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Прогресс</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>episode %1</source>
        <translation>серия %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>неизвестная ошибка</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Загружается</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>загрузка</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>пауза</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>on disk</source>
        <translation>на диске</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/с</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>Downloads: %1 of %2, %3</source>
        <translation>Загрузки: %1 из %2, %3</translation>
    </message>
</context>
<context>
    <name>DownloadsPage</name>
    <message>
        <source>Downloads</source>
        <translation>Загрузки</translation>
    </message>
    <message>
        <source>Enter: play; Delete: delete</source>
        <translation>Enter: смотреть; Delete: удалить</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Смотреть</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Отменить загрузку</translation>
    </message>
    <message>
        <source>Delete file</source>
        <translation>Удалить файл</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
    <message>
        <source>Downloaded episodes will appear here</source>
        <translation>Здесь появятся скачанные серии</translation>
    </message>
    <message>
        <source>Download a season or an episode from a title&apos;s page.</source>
        <translation>Скачать сезон или отдельную серию можно на странице тайтла.</translation>
    </message>
    <message>
        <source>Delete the file of “%1”, episode %2?</source>
        <translation>Удалить файл «%1», серия %2?</translation>
    </message>
    <message>
        <source>Delete the files of %1 episodes?</source>
        <translation>Удалить файлы выбранных серий (%1)?</translation>
    </message>
    <message>
        <source>Delete downloads</source>
        <translation>Удаление загрузок</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
</context>
<context>
    <name>EpisodeActions</name>
    <message>
        <source>Season downloaded</source>
        <translation>Сезон скачан</translation>
    </message>
    <message>
        <source>Download season</source>
        <translation>Скачать сезон</translation>
    </message>
    <message>
        <source>Delete downloaded</source>
        <translation>Удалить скачанное</translation>
    </message>
    <message>
        <source>Download episode</source>
        <translation>Скачать серию</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Смотреть</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Скачать</translation>
    </message>
    <message>
        <source>Download in quality</source>
        <translation>Скачать в качестве</translation>
    </message>
    <message>
        <source>Delete file</source>
        <translation>Удалить файл</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
    <message>
        <source>Pause download</source>
        <translation>Приостановить загрузку</translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation>Продолжить загрузку</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Повторить загрузку</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Отменить загрузку</translation>
    </message>
    <message>
        <source>Cannot download: %1</source>
        <translation>Не удалось скачать: %1</translation>
    </message>
    <message>
        <source>Already downloaded or on the way</source>
        <translation>Уже скачано или в очереди</translation>
    </message>
    <message>
        <source>Delete the file of episode %1?</source>
        <translation>Удалить файл серии %1?</translation>
    </message>
    <message>
        <source>Delete every downloaded episode of “%1”?</source>
        <translation>Удалить все скачанные серии «%1»?</translation>
    </message>
    <message>
        <source>Delete downloads</source>
        <translation>Удаление загрузок</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
</context>
<context>
    <name>EpisodeList</name>
    <message>
        <source>No episodes in the player yet</source>
        <translation>В плеере пока нет серий</translation>
    </message>
    <message>
        <source>watched</source>
        <translation>просмотрена</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>Опенинг</translation>
    </message>
    <message>
        <source>Ending</source>
        <translation>Эндинг</translation>
    </message>
</context>
<context>
    <name>FavouritesPage</name>
    <message>
        <source>Favourites</source>
        <translation>Избранное</translation>
    </message>
    <message>
        <source>No favourites yet: star a title to keep it here</source>
        <translation>В избранном пока пусто: отмечайте тайтлы звёздочкой</translation>
    </message>
</context>
<context>
    <name>FranchiseTiles</name>
    <message>
        <source>Franchise: %1</source>
        <translation>Франшиза: %1</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>The rail&apos;s pages, top to bottom</source>
        <translation>Разделы слева, сверху вниз</translation>
    </message>
    <message>
        <source>Back (the mouse&apos;s back button too)</source>
        <translation>Назад (и кнопка «назад» на мыши)</translation>
    </message>
    <message>
        <source>Move in a grid or a list</source>
        <translation>Перемещение по сетке или списку</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open the title, play the episode</source>
        <translation>Открыть тайтл, смотреть серию</translation>
    </message>
    <message>
        <source>Menu key</source>
        <translation>Клавиша меню</translation>
    </message>
    <message>
        <source>The card&apos;s or the episode&apos;s menu</source>
        <translation>Меню карточки или серии</translation>
    </message>
    <message>
        <source>The next or the previous control</source>
        <translation>Следующий или предыдущий элемент</translation>
    </message>
    <message>
        <source>From the search field to the results and back</source>
        <translation>Из строки поиска к результатам и обратно</translation>
    </message>
    <message>
        <source>These keys</source>
        <translation>Эта справка</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Пробел</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Пауза / продолжить</translation>
    </message>
    <message>
        <source>5 seconds back / forward</source>
        <translation>5 секунд назад / вперёд</translation>
    </message>
    <message>
        <source>A minute back / forward</source>
        <translation>Минута назад / вперёд</translation>
    </message>
    <message>
        <source>The next / the previous episode</source>
        <translation>Следующая / предыдущая серия</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Без звука</translation>
    </message>
    <message>
        <source>F, double-click</source>
        <translation>F, двойной щелчок</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Во весь экран</translation>
    </message>
    <message>
        <source>Leave full screen, then back to the title</source>
        <translation>Выйти из полноэкранного режима, затем назад к тайтлу</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <source>Esc, F1 or a click closes this</source>
        <translation>Esc, F1 или щелчок закрывают справку</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Окно</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Плеер</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Enter: watch from there</source>
        <translation>Enter: смотреть с этого места</translation>
    </message>
    <message>
        <source>Nothing watched yet</source>
        <translation>Вы ещё ничего не смотрели</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тайтл</translation>
    </message>
    <message>
        <source>Episode</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Просмотрено</translation>
    </message>
    <message>
        <source>Remove from history</source>
        <translation>Удалить из истории</translation>
    </message>
    <message>
        <source>watched</source>
        <translation>просмотрено</translation>
    </message>
    <message>
        <source>Click again to clear everything</source>
        <translation>Нажмите ещё раз, чтобы очистить всё</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Очистить историю</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Ongoing</source>
        <translation>Онгоинг</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Завершён</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Скрыт</translation>
    </message>
    <message>
        <source>Not ongoing</source>
        <translation>Не онгоинг</translation>
    </message>
    <message>
        <source>Winter</source>
        <translation>Зима</translation>
    </message>
    <message>
        <source>Spring</source>
        <translation>Весна</translation>
    </message>
    <message>
        <source>Summer</source>
        <translation>Лето</translation>
    </message>
    <message>
        <source>Autumn</source>
        <translation>Осень</translation>
    </message>
    <message>
        <source>Movie</source>
        <translation>Фильм</translation>
    </message>
    <message>
        <source>TV</source>
        <translation>ТВ</translation>
    </message>
    <message>
        <source>OVA</source>
        <translation>OVA</translation>
    </message>
    <message>
        <source>ONA</source>
        <translation>ONA</translation>
    </message>
    <message>
        <source>Special</source>
        <translation>Спешл</translation>
    </message>
    <message>
        <source>WEB</source>
        <translation>WEB</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Озвучка</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Перевод</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>Субтитры</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>Оформление</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Тайминг</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Запланировано</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>Смотрю</translation>
    </message>
    <message>
        <source>Watched</source>
        <translation>Просмотрено</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Отложено</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Брошено</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Понедельник</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Вторник</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Среда</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Четверг</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Пятница</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Суббота</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Воскресенье</translation>
    </message>
    <message>
        <source>Episode %1</source>
        <translation>Серия %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n episode(s)</source>
        <translation>
            <numerusform>%1 из %n серии</numerusform>
            <numerusform>%1 из %n серий</numerusform>
            <numerusform>%1 из %n серий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n серия</numerusform>
            <numerusform>%n серии</numerusform>
            <numerusform>%n серий</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of ? episodes</source>
        <translation>%1 из ? серий</translation>
    </message>
    <message>
        <source>? episodes</source>
        <translation>? серий</translation>
    </message>
    <message>
        <source>TB</source>
        <translation>ТБ</translation>
    </message>
    <message>
        <source>B</source>
        <translation>Б</translation>
    </message>
    <message>
        <source>KB</source>
        <translation>КБ</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>ГБ</translation>
    </message>
</context>
<context>
    <name>LibraryFiles</name>
    <message>
        <source>Export library</source>
        <translation>Экспорт библиотеки</translation>
    </message>
    <message>
        <source>Libria library (*.json)</source>
        <translation>Библиотека Libria (*.json)</translation>
    </message>
    <message>
        <source>Import library</source>
        <translation>Импорт библиотеки</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Экспорт не удался: %1</translation>
    </message>
    <message>
        <source>Library exported to %1</source>
        <translation>Библиотека сохранена в %1</translation>
    </message>
    <message>
        <source>Import failed, nothing changed: %1</source>
        <translation>Импорт не удался, ничего не изменено: %1</translation>
    </message>
    <message>
        <source>Imported: %1 new favourites, %2 episodes updated, %3 kept because they were newer here</source>
        <translation>Импортировано: новых в избранном — %1, обновлено серий — %2, оставлено более свежих локальных — %3</translation>
    </message>
</context>
<context>
    <name>ListChooser</name>
    <message>
        <source>Add to a list</source>
        <translation>В список</translation>
    </message>
    <message>
        <source>Which of your lists the title is in</source>
        <translation>В каком из ваших списков этот тайтл</translation>
    </message>
</context>
<context>
    <name>ListMenu</name>
    <message>
        <source>Remove from lists</source>
        <translation>Убрать из списков</translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message>
        <source>My lists</source>
        <translation>Мои списки</translation>
    </message>
    <message>
        <source>Sign in to AniLibria to see your lists here</source>
        <translation>Войдите в AniLibria, чтобы видеть здесь свои списки</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Nothing in this list yet</source>
        <translation>В этом списке пока ничего нет</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New episodes</source>
        <translation>Новые серии</translation>
    </message>
    <message>
        <source>No new episodes</source>
        <translation>Новых серий нет</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>Избранное</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation>Изменений нет</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Лента</translation>
    </message>
    <message>
        <source>The feed is empty</source>
        <translation>Лента пуста</translation>
    </message>
    <message>
        <source>My lists</source>
        <translation>Мои списки</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Загрузки</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Расписание</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Случайный</translation>
    </message>
    <message>
        <source>YouTube</source>
        <translation>YouTube</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <source>Tracker stats</source>
        <translation>Статистика трекера</translation>
    </message>
    <message>
        <source>The server speaks API version %1, which Libria was not made for: some lists may be missing or wrong.</source>
        <translation>Сервер отвечает по API версии %1, для которой Libria не создавалась: некоторые списки могут не загрузиться или показаться неверно.</translation>
    </message>
    <message>
        <source>Cannot open the title: %1</source>
        <translation>Не удаётся открыть тайтл: %1</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Смотреть</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Close the notice</source>
        <translation>Закрыть уведомление</translation>
    </message>
    <message>
        <source>Offline — showing data from %1. Retrying in the background.</source>
        <translation>Нет связи — показаны данные от %1. Повторяем попытки в фоне.</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Retrying in the background.</source>
        <translation>Нет связи — сервер недоступен. Повторяем попытки в фоне.</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Повторить сейчас</translation>
    </message>
    <message>
        <source>The library file was damaged and could not be read. It was kept as %1; a new, empty library was started.</source>
        <translation>Файл библиотеки повреждён и не читается. Он сохранён как %1; начата новая, пустая библиотека.</translation>
    </message>
    <message>
        <source>The library cannot be opened (%1): favourites and progress will not be saved in this session.</source>
        <translation>Библиотеку не удаётся открыть (%1): избранное и прогресс в этом сеансе не сохранятся.</translation>
    </message>
    <message>
        <source>Libria — AniLibria catalogue</source>
        <translation>Libria — каталог AniLibria</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Export library…</source>
        <translation>&amp;Экспорт библиотеки…</translation>
    </message>
    <message>
        <source>&amp;Import library…</source>
        <translation>&amp;Импорт библиотеки…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Назад</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Разделы</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Клавиши</translation>
    </message>
</context>
<context>
    <name>MergeQuestion</name>
    <message>
        <source>Favourites</source>
        <translation>Избранное</translation>
    </message>
    <message>
        <source>If not, they stay on this computer and come back when you sign out.</source>
        <translation>Если нет, оно останется на этом компьютере и вернётся после выхода из аккаунта.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Don&apos;t add</source>
        <translation>Не добавлять</translation>
    </message>
    <message numerus="yes">
        <source>Add this computer&apos;s favourites (%n) to the account?</source>
        <translation>
            <numerusform>Добавить избранное с этого компьютера (%n) в аккаунт?</numerusform>
            <numerusform>Добавить избранное с этого компьютера (%n) в аккаунт?</numerusform>
            <numerusform>Добавить избранное с этого компьютера (%n) в аккаунт?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>%1 is out</source>
        <translation>%1 вышла</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Смотреть</translation>
    </message>
</context>
<context>
    <name>PlayerPane</name>
    <message>
        <source>Previous episode (P)</source>
        <translation>Предыдущая серия (P)</translation>
    </message>
    <message>
        <source>Next episode (N)</source>
        <translation>Следующая серия (N)</translation>
    </message>
    <message>
        <source>Mute (M)</source>
        <translation>Без звука (M)</translation>
    </message>
    <message>
        <source>Full screen (F, double-click)</source>
        <translation>Во весь экран (F, двойной щелчок)</translation>
    </message>
    <message>
        <source>Skip opening</source>
        <translation>Пропустить опенинг</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>Download mp4</source>
        <translation>Скачать mp4</translation>
    </message>
    <message>
        <source>Opens the mp4 file in the browser. These links expire soon.</source>
        <translation>Открывает mp4-файл в браузере. Такие ссылки скоро истекают.</translation>
    </message>
    <message>
        <source>Previous episode</source>
        <translation>Предыдущая серия</translation>
    </message>
    <message>
        <source>Next episode</source>
        <translation>Следующая серия</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Во весь экран</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Позиция</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Видео</translation>
    </message>
    <message>
        <source>Space: play or pause; F: full screen; F1: every key</source>
        <translation>Пробел: пауза или продолжить; F: во весь экран; F1: все клавиши</translation>
    </message>
    <message>
        <source>episode %1</source>
        <translation>серия %1</translation>
    </message>
    <message>
        <source>Looking for a stream…</source>
        <translation>Ищем поток…</translation>
    </message>
    <message>
        <source>Playing the downloaded file</source>
        <translation>Воспроизведение скачанного файла</translation>
    </message>
    <message>
        <source>Playing from %1</source>
        <translation>Воспроизведение с %1</translation>
    </message>
    <message>
        <source>The main server did not answer; playing from %1</source>
        <translation>Основной сервер не ответил; воспроизведение с %1</translation>
    </message>
    <message>
        <source>resumed at %1</source>
        <translation>продолжено с %1</translation>
    </message>
    <message>
        <source>Quality %1</source>
        <translation>Качество %1</translation>
    </message>
    <message>
        <source>The download opened in the browser; mp4 links expire soon.</source>
        <translation>Загрузка открыта в браузере; ссылки на mp4 скоро истекают.</translation>
    </message>
    <message>
        <source>Cannot play: %1</source>
        <translation>Не удаётся воспроизвести: %1</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Пауза / продолжить (пробел)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Воспроизвести</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>Включить звук</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Без звука</translation>
    </message>
    <message>
        <source>Next episode in %1 s — cancel</source>
        <translation>Следующая серия через %1 с — отменить</translation>
    </message>
</context>
<context>
    <name>RandomPage</name>
    <message>
        <source>Random title</source>
        <translation>Случайный тайтл</translation>
    </message>
    <message>
        <source>Another one</source>
        <translation>Ещё один</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <source>Schedule</source>
        <translation>Расписание</translation>
    </message>
    <message>
        <source>The schedule is empty</source>
        <translation>Расписание пусто</translation>
    </message>
    <message>
        <source>%1 — today</source>
        <translation>%1 — сегодня</translation>
    </message>
    <message>
        <source>No episodes on this day</source>
        <translation>В этот день серий нет</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>Title in Russian or English — typos are fine</source>
        <translation>Название на русском или английском — опечатки не страшны</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Результаты поиска</translation>
    </message>
    <message>
        <source>↑ from the first row: back to the search field</source>
        <translation>↑ из первого ряда: обратно в поле поиска</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Год</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Сезон</translation>
    </message>
    <message>
        <source>Genres</source>
        <translation>Жанры</translation>
    </message>
    <message>
        <source>Alphabetically</source>
        <translation>По алфавиту</translation>
    </message>
    <message>
        <source>By popularity</source>
        <translation>По популярности</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <source>Nothing found. Try other words or fewer filters.</source>
        <translation>Ничего не найдено. Попробуйте другие слова или меньше фильтров.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
</context>
<context>
    <name>SeedStatsPage</name>
    <message>
        <source>Tracker statistics</source>
        <translation>Статистика трекера</translation>
    </message>
    <message>
        <source>No statistics yet</source>
        <translation>Статистики пока нет</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Отдано</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Скачано</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Ратио</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>автоматически</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Определить</translation>
    </message>
    <message>
        <source>v1 (current)</source>
        <translation>v1 (текущий)</translation>
    </message>
    <message>
        <source>v2 (mirrors, compatible servers)</source>
        <translation>v2 (зеркала, совместимые серверы)</translation>
    </message>
    <message>
        <source>AniLibria&apos;s API v1 or v2, or a mirror of either. Leave empty to use the first of the service&apos;s own addresses that answers.</source>
        <translation>API AniLibria v1 или v2 либо зеркало любого из них. Оставьте пустым, чтобы использовать первый отвечающий адрес самого сервиса.</translation>
    </message>
    <message>
        <source>Full HD (1080p)</source>
        <translation>Full HD (1080p)</translation>
    </message>
    <message>
        <source>HD (720p)</source>
        <translation>HD (720p)</translation>
    </message>
    <message>
        <source>SD (480p)</source>
        <translation>SD (480p)</translation>
    </message>
    <message>
        <source>As in the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмное</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлое</translation>
    </message>
    <message>
        <source>Tell me about new episodes</source>
        <translation>Сообщать о новых сериях</translation>
    </message>
    <message>
        <source>Every new episode</source>
        <translation>О каждой новой серии</translation>
    </message>
    <message>
        <source>Only my favourites</source>
        <translation>Только об избранном</translation>
    </message>
    <message>
        <source>Titles matching a filter</source>
        <translation>О тайтлах по фильтру</translation>
    </message>
    <message>
        <source>any year</source>
        <translation>любой год</translation>
    </message>
    <message>
        <source>any genre, e.g. Комедия</source>
        <translation>любой жанр, например Комедия</translation>
    </message>
    <message>
        <source>Closing the window keeps Libria in the tray</source>
        <translation>Закрытие окна оставляет Libria в трее</translation>
    </message>
    <message>
        <source>Start with the system, minimized to the tray</source>
        <translation>Запускать вместе с системой, свёрнутой в трей</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Адрес API</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>Версия API</translation>
    </message>
    <message>
        <source>Preferred quality</source>
        <translation>Качество по умолчанию</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Оформление</translation>
    </message>
    <message>
        <source>Announce</source>
        <translation>Сообщать</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Год</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Жанр</translation>
    </message>
    <message>
        <source>This is not an http(s) address of an API.</source>
        <translation>Это не http(s)-адрес API.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to AniLibria</source>
        <translation>Вход в AniLibria</translation>
    </message>
    <message>
        <source>By code</source>
        <translation>По коду</translation>
    </message>
    <message>
        <source>Login and password</source>
        <translation>Логин и пароль</translation>
    </message>
    <message>
        <source>How to sign in</source>
        <translation>Способ входа</translation>
    </message>
    <message>
        <source>The code to confirm</source>
        <translation>Код для подтверждения</translation>
    </message>
    <message>
        <source>Confirm this code on anilibria.top or in the AniLibria app.</source>
        <translation>Подтвердите этот код на anilibria.top или в приложении AniLibria.</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Новый код</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Waiting for a code</source>
        <translation>Ожидание кода</translation>
    </message>
    <message>
        <source>it expired before it was confirmed</source>
        <translation>он истёк, не дождавшись подтверждения</translation>
    </message>
    <message>
        <source>The code is no longer valid: %1</source>
        <translation>Код больше не действует: %1</translation>
    </message>
    <message>
        <source>Valid for %1 more</source>
        <translation>Код действует ещё %1</translation>
    </message>
    <message>
        <source>Enter the login and the password.</source>
        <translation>Введите логин и пароль.</translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation>Неверный логин или пароль.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1).</source>
        <translation>Нет связи с сервером (%1).</translation>
    </message>
</context>
<context>
    <name>StatePanel</name>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>Открыть демо</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Nothing here yet</source>
        <translation>Здесь пока пусто</translation>
    </message>
    <message>
        <source>The server answered with an error</source>
        <translation>Сервер ответил ошибкой</translation>
    </message>
    <message>
        <source>No connection to the server</source>
        <translation>Нет связи с сервером</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <source>The team list is empty</source>
        <translation>Список команды пуст</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Enter or a double-click: their titles</source>
        <translation>Enter или двойной щелчок: тайтлы с их участием</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message numerus="yes">
        <source>%n new episode(s)</source>
        <translation>
            <numerusform>%n новая серия</numerusform>
            <numerusform>%n новые серии</numerusform>
            <numerusform>%n новых серий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>и ещё %n</numerusform>
            <numerusform>и ещё %n</numerusform>
            <numerusform>и ещё %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TitleView</name>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Episodes — double-click or Enter to watch</source>
        <translation>Серии — двойной щелчок или Enter, чтобы смотреть</translation>
    </message>
    <message>
        <source>Torrents</source>
        <translation>Торренты</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>Серии</translation>
    </message>
    <message>
        <source>Enter: watch; menu key: more</source>
        <translation>Enter: смотреть; клавиша меню: другие действия</translation>
    </message>
    <message>
        <source>Open the alternative player in the browser</source>
        <translation>Открыть альтернативный плеер в браузере</translation>
    </message>
    <message>
        <source>In favourites: %1</source>
        <translation>В избранном: %1</translation>
    </message>
    <message>
        <source>Blocked in Russia: the video may not play in your region.</source>
        <translation>Заблокировано в России: видео может не воспроизводиться в вашем регионе.</translation>
    </message>
    <message>
        <source>Taken down after a rights holder&apos;s complaint.</source>
        <translation>Снято по жалобе правообладателя.</translation>
    </message>
    <message>
        <source>In favourites</source>
        <translation>В избранном</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>В избранное</translation>
    </message>
    <message>
        <source>Poster is loading…</source>
        <translation>Постер загружается…</translation>
    </message>
</context>
<context>
    <name>TorrentTable</name>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>Серии</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Seeders</source>
        <translation>Сиды</translation>
    </message>
    <message>
        <source>Leechers</source>
        <translation>Личеры</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Загрузки</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Добавлен</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Ссылки</translation>
    </message>
    <message>
        <source>.torrent file and magnet link</source>
        <translation>файл .torrent и magnet-ссылка</translation>
    </message>
    <message>
        <source>.torrent file</source>
        <translation>Файл .torrent</translation>
    </message>
    <message>
        <source>Magnet link</source>
        <translation>Magnet-ссылка</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Open Libria</source>
        <translation>Открыть Libria</translation>
    </message>
    <message>
        <source>New episodes</source>
        <translation>Новые серии</translation>
    </message>
    <message>
        <source>Pause notifications</source>
        <translation>Приостановить уведомления</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Nothing new yet</source>
        <translation>Пока ничего нового</translation>
    </message>
</context>
<context>
    <name>YouTubePage</name>
    <message>
        <source>YouTube</source>
        <translation>YouTube</translation>
    </message>
    <message>
        <source>Enter: open on YouTube</source>
        <translation>Enter: открыть на YouTube</translation>
    </message>
    <message>
        <source>No videos yet</source>
        <translation>Видео пока нет</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Видео</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликовано</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Просмотры</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Комментарии</translation>
    </message>
    <message>
        <source>Open on YouTube</source>
        <translation>Открыть на YouTube</translation>
    </message>
</context>
</TS>
